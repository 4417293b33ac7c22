import Foundation
import Testing

/// Drives sayno in a real pseudo-terminal through tmux: typing, line editing, and no history left behind.
struct TerminalTests {
  static let hasTmux = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  /// Runs one tmux command and returns what it printed. It uses posix_spawn and waitpid rather than
  /// Foundation's Process: the first call forks the tmux server, and Process could then wait for ever
  /// on a pipe the server kept open or on a child it never reaped.
  func tmux(_ arguments: [String], socket: String, timeout: TimeInterval = 10) throws -> String {
    let output = URL(fileURLWithPath: socket).deletingLastPathComponent()
      .appending(path: "tmux-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["/usr/bin/tmux", "-S", socket] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
    guard spawned == 0 else {
      Issue.record("tmux could not start: \(spawned)")
      return ""
    }
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline {
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        Issue.record("tmux \(arguments.first ?? "") did not finish in \(timeout) s")
        break
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
  }

  func screen(_ socket: String, until text: String, timeout: TimeInterval = 20) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var shown = ""
    while Date() < deadline {
      shown = try tmux(["capture-pane", "-p", "-J", "-t", "sayno"], socket: socket)
      if Executable.folded(shown).contains(Executable.folded(text)) { return shown }
      Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("the screen never showed '\(text)':\n\(shown)")
    return shown
  }

  @Test(.enabled(if: hasTmux, "tmux is not installed"))
  func typingEditingAndQuittingInATerminal() throws {
    let home = try Executable.temporaryDirectory()
    let work = try Executable.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: home)
      try? FileManager.default.removeItem(at: work)
    }
    let socket = home.appending(path: "tmux.sock").path
    let command = "cd '\(work.path)' && HOME='\(home.path)' NO_COLOR=1 '\(Executable.url.path)' --country GB"
    _ = try tmux(["new-session", "-d", "-s", "sayno", "-x", "100", "-y", "50", command], socket: socket)
    let server = Int32(try tmux(["display-message", "-p", "#{pid}"], socket: socket).trimmingCharacters(in: .whitespacesAndNewlines))
    defer {
      _ = try? tmux(["kill-server"], socket: socket)
      if let server { kill(server, SIGKILL) }  // never leave a tmux server behind, whatever happened
    }
    _ = try tmux(["set-option", "-t", "sayno", "remain-on-exit", "on"], socket: socket)

    // Start-up learns the examples: 12 s for the debug binary on an idle 2-core machine with 15,972 of
    // them, and the suites run side by side; 20 s, enough for every later screen, failed here once.
    _ = try screen(socket, until: "not a person", timeout: 120)
    // Type with a mistake, then fix it with the arrow keys: "he wants 50" → Left ×3, insert "0".
    _ = try tmux(["send-keys", "-t", "sayno", "-l", "he wants 50 or he posts my nudes"], socket: socket)
    _ = try tmux(["send-keys", "-t", "sayno", "Home"], socket: socket)
    for _ in 0..<11 { _ = try tmux(["send-keys", "-t", "sayno", "Right"], socket: socket) }
    _ = try tmux(["send-keys", "-t", "sayno", "-l", "0"], socket: socket)
    _ = try tmux(["send-keys", "-t", "sayno", "Enter"], socket: socket)
    let shown = try screen(socket, until: "don't pay")
    #expect(shown.contains("> he wants 500 or he posts my nudes"))
    // Tab must not list the files around it.
    try "secret".write(to: work.appending(path: "diary-of-mine.txt"), atomically: true, encoding: .utf8)
    _ = try tmux(["send-keys", "-t", "sayno", "-l", "dia"], socket: socket)
    _ = try tmux(["send-keys", "-t", "sayno", "Tab", "Tab"], socket: socket)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(!(try tmux(["capture-pane", "-p", "-t", "sayno"], socket: socket)).contains("diary-of-mine"))
    _ = try tmux(["send-keys", "-t", "sayno", "C-u"], socket: socket)
    _ = try tmux(["send-keys", "-t", "sayno", "-l", "quit"], socket: socket)
    _ = try tmux(["send-keys", "-t", "sayno", "Enter"], socket: socket)
    Thread.sleep(forTimeInterval: 1)
    // Quitting clears the screen, so nobody looking over a shoulder sees the conversation.
    let after = try tmux(["capture-pane", "-p", "-t", "sayno"], socket: socket)
    #expect(!after.contains("he wants 500"))
    // No history file, nor anything else, is left in HOME or the working folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0 != "tmux.sock" } == [])
    #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["diary-of-mine.txt"])
  }
}
