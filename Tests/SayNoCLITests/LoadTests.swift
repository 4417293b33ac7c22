import Foundation
import Testing

/// Drives `sayno --jsonl` with many interleaved sessions and bad lines, streaming, and checks every reply.
///
/// CI runs it small; the full run (README, "Load test") sets SAYNO_LOAD_LINES=1000000 and
/// SAYNO_LOAD_SESSIONS=10000, and SAYNO_LOAD_BINARY to a release build.
struct LoadTests {
  static let environment = ProcessInfo.processInfo.environment
  static let lines = environment["SAYNO_LOAD_LINES"].flatMap(Int.init) ?? 12_000
  static let sessions = environment["SAYNO_LOAD_SESSIONS"].flatMap(Int.init) ?? 1_500
  static let timeCommand = URL(fileURLWithPath: "/usr/bin/time")

  /// Each session repeats one of two scripts in which "yes" means different things, so a reply that
  /// used another session's state would land on the wrong node.
  static let scripts: [[(text: String, node: String)]] = [
    [("he wants 500 or he posts my nudes", "payment.demand"), ("yes", "payment.paid"), ("start over", "restart")],
    [("he wants more pics", "more.images"), ("i already paid him 100", "payment.paid"), ("start over", "restart")],
  ]

  /// A small deterministic generator, so a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test func manyInterleavedSessionsEachGetTheirOwnRepliesInOrder() throws {
    var generator = Generator(state: 2026)
    var step = [Int](repeating: 0, count: Self.sessions)
    var expected: [(session: String?, node: String?)] = []
    var input = Data()
    input.reserveCapacity(Self.lines * 60)
    for index in 0..<Self.lines {
      if index % 50 == 49 {
        let bad = [#"{"session": 7}"#, "{broken", #"{"session": "x", "text": 5}"#, "\u{1B}[2J"][index / 50 % 4]
        input.append(Data(bad.utf8) + [0x0A])
        expected.append((bad.contains(#""x""#) ? "x" : nil, nil))
        continue
      }
      let session = generator.next(Self.sessions)
      let script = Self.scripts[session % Self.scripts.count]
      let line = script[step[session] % script.count]
      step[session] += 1
      let id = "session-\(session)"
      input.append(Data(#"{"session": "\#(id)", "text": "\#(line.text)"}"#.utf8) + [0x0A])
      expected.append((id, line.node))
    }

    let binary = Self.environment["SAYNO_LOAD_BINARY"].map(URL.init(fileURLWithPath:)) ?? Executable.url
    let started = Date()
    let (result, peak) = try Self.runMeasured(binary, ["--jsonl"], input: input)
    let seconds = Date().timeIntervalSince(started)
    #expect(result.status == 0)
    let replies = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(replies.count == Self.lines, "one reply per line")
    var wrong = 0
    for (reply, want) in zip(replies, expected) {
      // Read only the two fields compared, as the bridge writes them first and in this order.
      let session = Self.field("session", in: reply)
      let node = Self.field("node", in: reply)
      if session != want.session || (want.node != nil && node != want.node) || (want.node == nil && !reply.contains(#""error":"#)) {
        wrong += 1
        if wrong <= 5 { Issue.record("expected \(want), got \(reply.prefix(300))") }
      }
    }
    #expect(wrong == 0)
    print(
      "load: \(Self.lines) lines, \(Self.sessions) sessions, \(String(format: "%.1f", seconds)) s, "
        + "\(Int(Double(Self.lines) / seconds)) lines/s (whole process, including start-up), "
        + "peak resident memory \(peak.map { "\($0 / 1024) MB" } ?? "not measured")")
  }

  /// A flood of new sessions far beyond the limit: the limit holds, and memory with it.
  @Test func aFloodOfNewSessionsIsRefusedBeyondTheLimit() throws {
    let count = max(Self.lines / 4, 5_000)
    var input = Data()
    for index in 0..<count { input.append(Data(#"{"session": "flood-\#(index)", "text": "hi"}"#.utf8) + [0x0A]) }
    let (result, peak) = try Self.runMeasured(Executable.url, ["--jsonl", "--max-sessions", "1000"], input: input)
    #expect(result.status == 0)
    if let peak { #expect(peak < 150 * 1024, "peak resident memory \(peak) KB") }
    let replies = result.output.split(separator: "\n")
    #expect(replies.count == count)
    #expect(replies.prefix(1_000).allSatisfy { !$0.contains(#""error""#) })
    #expect(replies.dropFirst(1_000).allSatisfy { $0.contains(#""error":"too_many_sessions""#) })
  }

  /// Runs sayno under GNU time when it is there, for the peak resident memory in KB.
  static func runMeasured(_ binary: URL, _ arguments: [String], input: Data) throws -> (Executable.Result, Int?) {
    guard FileManager.default.isExecutableFile(atPath: timeCommand.path) else {
      return (try Executable.run(arguments, input: input, executable: binary, timeout: 1_800), nil)
    }
    let result = try Executable.run(
      ["-f", "peak-rss-kb=%M", binary.path] + arguments, input: input, executable: timeCommand, timeout: 1_800)
    let peak = result.error.components(separatedBy: "peak-rss-kb=").last.flatMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return (result, peak)
  }

  static func field(_ name: String, in line: Substring) -> String? {
    guard let start = line.range(of: "\"\(name)\":\"") else { return nil }
    let rest = line[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }
}
