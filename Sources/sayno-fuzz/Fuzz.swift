import Foundation
import SayNoContent
import SayNoCore

/// A fuzz target over everything that reads untrusted bytes: the line splitter, the bridge's JSON
/// parsing, and the normaliser and recogniser behind every turn.
///
/// Built normally it replays inputs given as arguments (a crash found once stays a regression test);
/// built with `-sanitize=fuzzer -DFUZZING` it is a libFuzzer target. See README, "Fuzzing".
enum FuzzTarget {
  static let dialogue: Dialogue = {
    do {
      return try Dialogue(files: ShippedDialogues.files.map { ContentFile(path: $0.path, text: $0.text) })
    } catch {
      fatalError("the shipped content does not load: \(error)")
    }
  }()

  /// One input: as bridge lines, then as one person's messages.
  static func run(_ bytes: [UInt8]) {
    var splitter = LineSplitter(maxLength: 4_096)
    var lines = splitter.push(bytes)
    if let last = splitter.finish() { lines.append(last) }
    var bridge = Bridge(dialogue: dialogue, limits: Bridge.Limits(maxSessions: 8, idleTimeout: .seconds(60)))
    var conversation = Conversation(dialogue: dialogue)
    for (index, line) in lines.enumerated() {
      let reply = bridge.handle(line, now: .seconds(index))
      precondition(reply.hasPrefix("{") && reply.hasSuffix("}") && !reply.contains("\n"), "a bridge reply is one JSON object")
      switch line {
      case .text(let text): _ = conversation.respond(to: text)
      case .invalidUTF8: _ = conversation.respondToUnreadable()
      case .tooLong: _ = conversation.respondToTooLong()
      }
    }
  }
}

#if FUZZING
  /// libFuzzer's driver, called from our own entry point (SwiftPM gives every executable its own `main`).
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// libFuzzer's own entry point, which its runtime requires even though our `main` starts the driver.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }

  @main
  struct Fuzz {
    static func main() {
      // Loading the content takes seconds in a fuzzing build and grows with it; done here, before the
      // driver starts, it is not counted against the first input's time limit (-timeout).
      _ = FuzzTarget.dialogue
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      let status = runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
      exit(status)
    }
  }
#else

  /// Replays each file given (or each file in each folder given) through the fuzz target.
  @main
  struct Replay {
    static func main() throws {
      var count = 0
      for path in CommandLine.arguments.dropFirst() {
        let url = URL(fileURLWithPath: path)
        let urls =
          (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [url]
        for file in urls.sorted(by: { $0.path < $1.path }) {
          FuzzTarget.run(Array(try Data(contentsOf: file)))
          count += 1
        }
      }
      print("replayed \(count) inputs")
    }
  }
#endif
