import Foundation
import Testing

/// Runs the built `sayno` as a subprocess, the way a person or a bridge would.
enum Executable {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var url: URL {
    let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
      .map { $0.appending(path: "sayno") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  struct Result {
    var status: Int32
    var output: String
    var error: String
    var outputBytes: Data
  }

  /// Runs sayno with `input` on stdin (closed after), in `directory`, and waits at most `timeout` seconds.
  static func run(
    _ arguments: [String], input: Data = Data(), directory: URL? = nil, executable: URL? = nil,
    environment: [String: String]? = nil, timeout: TimeInterval = 60
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable ?? url
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    if let environment { process.environment = environment }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Read both streams on threads of their own while writing, so a large output never blocks the child.
    // Not Dispatch's global queue: on a small machine its few threads can all be busy with other tests'
    // readers, and then nobody reads this child's output while this thread blocks writing to it.
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    Thread {
      out = stdout.fileHandleForReading.readDataToEndOfFile()
      done.signal()
    }.start()
    Thread {
      err = stderr.fileHandleForReading.readDataToEndOfFile()
      done.signal()
    }.start()
    Thread {
      try? stdin.fileHandleForWriting.write(contentsOf: input)
      try? stdin.fileHandleForWriting.close()
    }.start()
    let deadline = DispatchTime.now() + timeout
    if done.wait(timeout: deadline) == .timedOut || done.wait(timeout: deadline) == .timedOut {
      process.terminate()
      Issue.record("sayno \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
    }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
      error: String(decoding: err, as: UTF8.self), outputBytes: out)
  }

  static func run(_ arguments: [String], input: String, directory: URL? = nil) throws -> Result {
    try run(arguments, input: Data(input.utf8), directory: directory)
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "sayno-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Lower case with straight apostrophes, so "Don’t" and "don't" compare alike.
  static func folded(_ text: String) -> String {
    text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
  }
}
