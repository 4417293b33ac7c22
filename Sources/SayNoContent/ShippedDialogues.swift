/// The content files compiled into this build (from `Dialogues/`, by the EmbedDialogues plugin).
public enum ShippedDialogues {
  /// Each file's path relative to `Dialogues/` and its text; golden conversations are left out.
  public static var files: [(path: String, text: String)] { embeddedDialogues }
}
