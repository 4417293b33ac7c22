/// One file of content: its path relative to `Dialogues/` and its text. The core never reads files itself.
public struct ContentFile: Sendable, Hashable {
  public var path: String
  public var text: String

  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  /// Whether a file under `Dialogues/` (by its relative path) is content the helper loads. Golden
  /// conversations and evaluation sets test the content and are left out, except the labelled messages
  /// in `eval/tuning/`: the recogniser learns from them. The held-out part is never loaded.
  public static func isContent(_ path: String) -> Bool {
    !path.hasPrefix("conversations/") && (!path.hasPrefix("eval/") || path.hasPrefix("eval/tuning/"))
  }
}
