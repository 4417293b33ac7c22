/// One file of content: its path relative to `Dialogues/` and its text. The core never reads files itself.
public struct ContentFile: Sendable, Hashable {
  public var path: String
  public var text: String

  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}
