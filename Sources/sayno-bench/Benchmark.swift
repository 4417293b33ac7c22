import Foundation
import SayNoContent
import SayNoCore

/// Measures what a bridge operator needs to know: start-up, one turn, bridge throughput, memory, and how
/// each grows. Run from the checkout with a release build (README, "Benchmark"):
///
///     swift build -c release --product sayno && swift run -c release sayno-bench
///
/// Every figure is a median over several runs, with the spread (lowest to highest) beside it.
@main
struct Benchmark {
  static let runs = 7

  static func main() throws {
    let arguments = CommandLine.arguments.dropFirst()
    let quick = arguments.contains("--quick")
    let saynoBinary = arguments.first { !$0.hasPrefix("--") }.map(URL.init(fileURLWithPath:))
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "sayno")
    let files = ShippedDialogues.files.map { ContentFile(path: $0.path, text: $0.text) }
    let dialogue = try Dialogue(files: files)
    print("SayNo benchmark: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(dialogue.intents.count) intents, "
      + "\(dialogue.nodes.count) nodes; medians of \(runs) runs, spread in brackets\n")

    startUp(files: files, binary: saynoBinary)
    let mix = messageMix(dialogue: dialogue)
    turnLatency(dialogue: dialogue, mix: mix, repeats: quick ? 5 : 50)
    growth(dialogue: dialogue, files: files, mix: mix)
    bridgeThroughput(binary: saynoBinary, dialogue: dialogue, lines: quick ? 20_000 : 200_000)
    memory(binary: saynoBinary, dialogue: dialogue, quick: quick)
  }

  // MARK: Start-up

  static func startUp(files: [ContentFile], binary: URL) {
    let loading = (0..<runs).map { _ in time { _ = try? Dialogue(files: files, checkingSamples: false) } }
    let withSamples = (0..<runs).map { _ in time { _ = try? Dialogue(files: files) } }
    let firstReply = (0..<runs * 3).map { _ in timeToFirstReply(binary) }
    print("start-up, process start to first reply of `printf 'hi\\n' | sayno`: \(describe(firstReply))")
    print("  of which loading and checking the content, in process: \(describe(loading))")
    print("  (`sayno check`, which also recognises every sample: \(describe(withSamples)))\n")
  }

  /// Wall time from spawning sayno until its first byte of output arrives.
  static func timeToFirstReply(_ binary: URL) -> Duration {
    let process = Process()
    process.executableURL = binary
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    do { try process.run() } catch { return .zero }
    try? input.fileHandleForWriting.write(contentsOf: Data("hi\n".utf8))
    try? input.fileHandleForWriting.close()
    _ = output.fileHandleForReading.availableData
    let elapsed = clock.now - start
    _ = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return elapsed
  }

  // MARK: Turns

  /// At least 200 realistic messages: the evaluation set when the checkout is here, the golden
  /// conversations' lines otherwise, and long rambling messages of about 2,000 characters.
  static func messageMix(dialogue: Dialogue) -> [(text: String, after: String?)] {
    var mix: [(text: String, after: String?)] = []
    let eval = URL(fileURLWithPath: "Dialogues/eval")
    let evalFiles = ((try? FileManager.default.contentsOfDirectory(at: eval, includingPropertiesForKeys: nil)) ?? [])
      .filter { $0.pathExtension == "yaml" }
      .compactMap { url in (try? String(contentsOf: url, encoding: .utf8)).map { ContentFile(path: url.lastPathComponent, text: $0) } }
    if let set = try? EvaluationSet(files: evalFiles) {
      mix = set.examples.map { ($0.text, $0.after) }
    }
    if mix.count < 200 {
      mix += ["he wants 500 or he posts my nudes", "i want to die", "yes", "idk", "2", "my son is being blackmailed",
              "i already paid him 100", "how do i get them taken down", "im scared of the police", "he wnts mor pics"]
        .map { ($0, nil) }
    }
    let words = mix.map(\.text).joined(separator: " ")
    for offset in stride(from: 0, to: 20 * 97, by: 97) {
      let start = words.index(words.startIndex, offsetBy: offset % max(1, words.count - 2_100))
      mix.append((String(words[start...].prefix(2_000)), nil))
    }
    return mix
  }

  static func turnLatency(dialogue: Dialogue, mix: [(text: String, after: String?)], repeats: Int) {
    var samples: [Duration] = []
    samples.reserveCapacity(mix.count * repeats)
    let clock = ContinuousClock()
    for _ in 0..<repeats {
      for message in mix {
        var conversation = Conversation(dialogue: dialogue, state: SessionState(node: message.after ?? dialogue.settings.start))
        let start = clock.now
        let turn = conversation.respond(to: message.text)
        samples.append(clock.now - start)
        precondition(!turn.node.isEmpty)
      }
    }
    samples.sort()
    print("one turn, \(mix.count) messages × \(repeats) (crisis, payment, questions, short answers, typos, 2,000-character messages):")
    print("  p50 \(format(percentile(samples, 0.50)))  p99 \(format(percentile(samples, 0.99)))  max \(format(samples.last ?? .zero))\n")
  }

  /// Turn time against message length, and against the amount of content.
  static func growth(dialogue: Dialogue, files: [ContentFile], mix: [(text: String, after: String?)]) {
    let text = mix.map(\.text).joined(separator: " ")
    print("how a turn grows with message length (median of \(runs) runs of 20 turns, per turn):")
    var previous: (length: Int, time: Double)?
    for length in [10, 100, 1_000, 10_000] {
      let message = String(String(repeating: text, count: length / max(1, text.count) + 1).prefix(length))
      let median = medianTurn(dialogue: dialogue, message: message)
      var line = "  \(String(length).leftPadded(6)) characters: \(format(median))"
      if let previous {
        let ratio = (Double(median.components.attoseconds) / 1e18 + Double(median.components.seconds)) / previous.time
        line += String(format: "  (×%.1f for ×%.0f length)", ratio, Double(length) / Double(previous.length))
      }
      print(line)
      previous = (length, Double(median.components.attoseconds) / 1e18 + Double(median.components.seconds))
    }
    let probe = "he said he'll post my nudes unless i pay 500 by tonight, idk what to do"
    let base = medianTurn(dialogue: dialogue, message: probe)
    let bigger = tenfold(files).flatMap { try? Dialogue(files: $0, checkingSamples: false) }
    if let bigger {
      let big = medianTurn(dialogue: bigger, message: probe)
      print("how a turn grows with content: \(dialogue.intents.count) intents \(format(base)), "
        + "×10 (\(bigger.intents.count) intents) \(format(big))\n")
    } else {
      print("how a turn grows with content: could not build the ×10 content\n")
    }
  }

  static func medianTurn(dialogue: Dialogue, message: String) -> Duration {
    let times = (0..<runs).map { _ in
      time {
        for _ in 0..<20 {
          var conversation = Conversation(dialogue: dialogue)
          _ = conversation.respond(to: message)
        }
      } / 20
    }
    return times.sorted()[times.count / 2]
  }

  /// The same content with every intent written ten times under new names, so there are ten times the
  /// patterns to try on every message.
  static func tenfold(_ files: [ContentFile]) -> [ContentFile]? {
    var result = files.filter { !$0.path.hasPrefix("intents/") }
    for file in files where file.path.hasPrefix("intents/") {
      result.append(file)
      // Answers and corrections have no node of their own: a copy would mean nothing anywhere.
      guard !["intents/conversation.yaml", "intents/corrections.yaml"].contains(file.path) else { continue }
      for copy in 1..<10 {
        let renamed = file.text.replacingOccurrences(of: "- intent: ", with: "- intent: copy\(copy).")
        result.append(ContentFile(path: file.path.replacingOccurrences(of: ".yaml", with: "-\(copy).yaml"), text: renamed))
      }
    }
    return result
  }

  // MARK: Bridge

  static func bridgeThroughput(binary: URL, dialogue: Dialogue, lines: Int) {
    let messages = ["he wants 500 or he posts my nudes", "yes", "idk", "what should i save", "start over", "i want to die", "im safe now"]
    print("bridge throughput, `sayno --jsonl` reading a file of \(lines) lines, output to /dev/null (one process, one core):")
    for sessions in [1, 10_000] {
      var input = Data()
      input.reserveCapacity(lines * 64)
      for index in 0..<lines {
        let text = messages[(index / max(1, sessions)) % messages.count]
        input.append(Data(#"{"session": "s\#(index % sessions)", "text": "\#(text)"}"#.utf8 + [0x0A]))
      }
      let file = FileManager.default.temporaryDirectory.appending(path: "sayno-bench-\(sessions).jsonl")
      try? input.write(to: file)
      defer { try? FileManager.default.removeItem(at: file) }
      let times = (0..<3).map { _ in time { _ = runProcess(binary, ["--jsonl"], input: file) } }
      let median = times.sorted()[1]
      let rate = Double(lines) / (Double(median.components.seconds) + Double(median.components.attoseconds) / 1e18)
      print("  \(String(sessions).leftPadded(6)) sessions: \(Int(rate)) lines/s  [\(times.map(format).joined(separator: ", "))]")
    }
    // In process, without pipes and JSON parsing cost outside the bridge.
    var bridge = Bridge(dialogue: dialogue)
    let requests = (0..<50_000).map { InputLine.text(#"{"session": "s\#($0 % 10_000)", "text": "\#(messages[($0 / 10_000) % messages.count])"}"#) }
    let elapsed = time { for request in requests { _ = bridge.handle(request) } }
    let rate = Double(requests.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    print("  in process, Bridge.handle, 10,000 sessions: \(Int(rate)) lines/s\n")
  }

  // MARK: Memory

  static func memory(binary: URL, dialogue: Dialogue, quick: Bool) {
    let idle = FileManager.default.temporaryDirectory.appending(path: "sayno-bench-empty")
    try? Data().write(to: idle)
    defer { try? FileManager.default.removeItem(at: idle) }
    let atStart = (0..<3).compactMap { _ in peakResidentKB(binary, ["--jsonl"], input: idle) }.sorted()
    print("memory:")
    if let median = atStart.dropFirst(atStart.count / 2).first {
      print("  peak resident at start (`sayno --jsonl`, no input): \(median / 1024) MB")
    }
    for sessions in quick ? [10_000] : [10_000, 100_000] {
      var input = Data()
      for index in 0..<sessions { input.append(Data(#"{"session": "session-\#(index)", "text": "he wants 500"}"#.utf8 + [0x0A])) }
      let file = FileManager.default.temporaryDirectory.appending(path: "sayno-bench-sessions.jsonl")
      try? input.write(to: file)
      defer { try? FileManager.default.removeItem(at: file) }
      guard let peak = peakResidentKB(binary, ["--jsonl"], input: file), let base = atStart.first else { continue }
      let perSession = Double(peak - base) * 1024 / Double(sessions)
      print("  \(sessions) live sessions: peak resident \(peak / 1024) MB, about \(Int(perSession)) bytes per session")
    }
  }

  /// Peak resident memory of a run, from GNU time.
  static func peakResidentKB(_ binary: URL, _ arguments: [String], input: URL) -> Int? {
    let time = URL(fileURLWithPath: "/usr/bin/time")
    guard FileManager.default.isExecutableFile(atPath: time.path) else { return nil }
    let error = runProcess(time, ["-f", "peak-rss-kb=%M", binary.path] + arguments, input: input)
    return error.components(separatedBy: "peak-rss-kb=").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  /// Runs a process with a file on stdin and stdout thrown away; returns what it wrote to stderr.
  @discardableResult
  static func runProcess(_ executable: URL, _ arguments: [String], input: URL) -> String {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = try? FileHandle(forReadingFrom: input)
    process.standardOutput = FileHandle.nullDevice
    let error = Pipe()
    process.standardError = error
    do { try process.run() } catch { return "" }
    let data = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  // MARK: Figures

  static func time(_ work: () -> Void) -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    work()
    return clock.now - start
  }

  static func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
    guard !sorted.isEmpty else { return .zero }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
  }

  static func describe(_ samples: [Duration]) -> String {
    let sorted = samples.sorted()
    return "\(format(sorted[sorted.count / 2])) [\(format(sorted.first!)) – \(format(sorted.last!))]"
  }

  static func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    switch seconds {
    case ..<1e-3: return String(format: "%.0f µs", seconds * 1e6)
    case ..<1: return String(format: "%.1f ms", seconds * 1e3)
    default: return String(format: "%.2f s", seconds)
    }
  }
}

extension String {
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
