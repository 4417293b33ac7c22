import Foundation

/// Turns what a person typed into the words the recogniser matches: case, accents, apostrophes,
/// punctuation, repeated letters, texting spellings and single typos.
struct Normalizer: Sendable {
  let texting: [String: [String]]
  let spelling: SpellChecker
  /// The texting entries of several words ("bitcoin atm", "chill pill"), by their first word.
  private let sayings: [String: [[String]]]
  /// Every word of those sayings, which is never taken for a typo: "2morow" is the saying "2 morow",
  /// and "morow" corrected to "moron" would keep it from ever matching.
  private let sayingWords: Set<String>

  init(texting: [String: [String]], spelling: SpellChecker) {
    self.texting = texting
    self.spelling = spelling
    sayings = Self.sayings(in: texting)
    sayingWords = Set(sayings.values.joined().joined())
  }

  /// The keys of several words in a texting map, by their first word, longest first.
  static func sayings(in texting: [String: [String]]) -> [String: [[String]]] {
    var sayings: [String: [[String]]] = [:]
    for key in texting.keys where key.contains(" ") {
      let words = key.split(separator: " ").map(String.init)
      sayings[words[0], default: []].append(words)
    }
    return sayings.mapValues { $0.sorted { ($0.count, $1.joined()) > ($1.count, $0.joined()) } }
  }

  /// Replaces texting spellings with what they stand for. A saying of several words wins over the
  /// words in it, inside one clause: "bitcoin atm" is a machine, while "atm" alone is "right now".
  static func expandTexting(
    _ tokens: [(word: String, clause: Int)], texting: [String: [String]], sayings: [String: [[String]]]
  ) -> [(typed: String, meaning: [String], clause: Int)] {
    var result: [(typed: String, meaning: [String], clause: Int)] = []
    var index = 0
    while index < tokens.count {
      let (word, clause) = tokens[index]
      let saying = sayings[word]?.first { saying in
        index + saying.count <= tokens.count
          && saying.indices.allSatisfy { tokens[index + $0].word == saying[$0] && tokens[index + $0].clause == clause }
      }
      if let saying {
        let typed = saying.joined(separator: " ")
        result.append((typed, texting[typed] ?? saying, clause))
        index += saying.count
      } else {
        result.append((word, texting[word] ?? [word], clause))
        index += 1
      }
    }
    return result
  }

  /// The words a text stands for after the texting map alone (no typo fixes): how content and
  /// labelled examples are read.
  static func textingWords(of text: String, texting: [String: [String]], sayings: [String: [[String]]]) -> [String] {
    expandTexting(tokenize(text), texting: texting, sayings: sayings).flatMap(\.meaning)
  }

  func textingWords(of text: String) -> [String] {
    Self.textingWords(of: text, texting: texting, sayings: sayings)
  }

  /// Words that start a new clause, so that "i didnt pay but he posted" keeps "posted" un-negated.
  static let clauseWords: Set<String> = ["but", "though", "however", "tho"]

  /// Whether the comma at `index` separates thousands: exactly three digits follow it.
  static func thousands(after index: Int, count: Int, isDigit: (Int) -> Bool) -> Bool {
    guard index + 3 < count, (1...3).allSatisfy({ isDigit(index + $0) }) else { return false }
    return index + 4 == count || !isDigit(index + 4)
  }

  /// Whether the bracket at `index` is one of a pair around a number of one to three digits ("(14)"):
  /// an age or an amount said in passing, which does not break the clause.
  static func bracketsANumber(
    at index: Int, count: Int, isDigit: (Int) -> Bool, isOpening: (Int) -> Bool, isClosing: (Int) -> Bool
  ) -> Bool {
    if isOpening(index) {
      var end = index + 1
      while end < count, isDigit(end), end - index <= 3 { end += 1 }
      return end > index + 1 && end - index <= 4 && end < count && isClosing(end)
    }
    var start = index - 1
    while start >= 0, isDigit(start), index - start <= 3 { start -= 1 }
    return start < index - 1 && index - start <= 4 && start >= 0 && isOpening(start)
  }

  /// Splits text into raw tokens without texting or typo fixes: also used for the content's own words.
  static func tokenize(_ text: String) -> [(word: String, clause: Int)] {
    if let tokens = tokenizeASCII(text) { return tokens }
    let folded = text.lowercased()
    var tokens: [(word: String, clause: Int)] = []
    var clause = 0
    var current = String.UnicodeScalarView()

    func flush() {
      guard !current.isEmpty else { return }
      for piece in splitNumberFromLetters(String(current)) { tokens.append((piece, clause)) }
      current.removeAll(keepingCapacity: true)
    }

    let scalars = Array(folded.unicodeScalars)
    func bracketsANumber(_ index: Int) -> Bool {
      Self.bracketsANumber(
        at: index, count: scalars.count, isDigit: { ("0"..."9").contains(scalars[$0]) }, isOpening: { scalars[$0] == "(" },
        isClosing: { scalars[$0] == ")" })
    }
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}":
        continue  // "didn't" → "didnt": apostrophes join, they never split
      case "," where isDigits(current) && Self.thousands(after: index, count: scalars.count, isDigit: { ("0"..."9").contains(scalars[$0]) }):
        continue  // "2,000" is one amount; "1,3" is two options
      case "(" where bracketsANumber(index), ")" where bracketsANumber(index):
        flush()  // "my son (14) sent" is one clause, as "my son 14 sent"
      case ".", ",", "!", "?", ";", ":", "\n", "\r", "\u{2026}", "(", ")", "\"", "\u{201C}", "\u{201D}":
        flush()
        if tokens.last?.clause == clause { clause += 1 }
      case "$", "\u{00A3}", "\u{20AC}":
        flush()
        tokens.append((String(scalar), clause))
      default:
        if scalar.value < 0x80 {
          // The common case, without a look-up of Unicode properties.
          if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { current.append(scalar) } else { flush() }
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
          current.append(contentsOf: Self.withoutAccent(scalar))
        } else if isMeaningfulSymbol(scalar) {
          flush()
          tokens.append((String(scalar), clause))
        } else {
          flush()  // spaces, hyphens, zero-width and control characters all separate words
        }
      }
    }
    flush()
    return tokens
  }

  /// `tokenize` for text that is all ASCII, as most messages and all content are: the same tokens,
  /// read byte by byte without Unicode look-ups (loading tokenises every sample and pattern).
  private static func tokenizeASCII(_ text: String) -> [(word: String, clause: Int)]? {
    var tokens: [(word: String, clause: Int)] = []
    var clause = 0
    var current: [UInt8] = []
    func flush() {
      guard !current.isEmpty else { return }
      for piece in splitNumberFromLetters(String(decoding: current, as: UTF8.self)) { tokens.append((piece, clause)) }
      current.removeAll(keepingCapacity: true)
    }
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    let bytes = Array(text.utf8)
    func bracketsANumber(_ index: Int) -> Bool {
      Self.bracketsANumber(
        at: index, count: bytes.count, isDigit: { isDigit(bytes[$0]) }, isOpening: { bytes[$0] == UInt8(ascii: "(") },
        isClosing: { bytes[$0] == UInt8(ascii: ")") })
    }
    for (index, byte) in bytes.enumerated() {
      switch byte {
      case 0x80...:
        return nil
      case UInt8(ascii: "'"), UInt8(ascii: "`"):
        continue
      case UInt8(ascii: ",") where !current.isEmpty && current.allSatisfy(isDigit)
        && Self.thousands(after: index, count: bytes.count, isDigit: { isDigit(bytes[$0]) }):
        continue
      case UInt8(ascii: "(") where bracketsANumber(index), UInt8(ascii: ")") where bracketsANumber(index):
        flush()
      case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"),
        UInt8(ascii: ":"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: "\""):
        flush()
        if tokens.last?.clause == clause { clause += 1 }
      case UInt8(ascii: "$"):
        flush()
        tokens.append(("$", clause))
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        current.append(byte + 32)
      default:
        flush()
      }
    }
    flush()
    return tokens
  }

  private static func isDigits(_ word: String.UnicodeScalarView) -> Bool {
    !word.isEmpty && word.allSatisfy { ("0"..."9").contains($0) }
  }

  /// A letter without its accent ("é" → "e"), looked up in a table made once: Foundation's folding is
  /// too slow to run on every message.
  private static func withoutAccent(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
    if let plain = accentTable[scalar] { return plain }
    return String(scalar).unicodeScalars
  }

  private static let accentTable: [Unicode.Scalar: String.UnicodeScalarView] = {
    var table: [Unicode.Scalar: String.UnicodeScalarView] = [:]
    for value in UInt32(0xC0)...UInt32(0x24F) {
      guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
      let folded = String(scalar).lowercased().folding(options: .diacriticInsensitive, locale: nil)
      if folded != String(scalar) { table[scalar] = folded.unicodeScalars }
    }
    return table
  }()

  /// Emoji and similar pictographs stand as words of their own, so texting.yaml can give them a meaning.
  private static func isMeaningfulSymbol(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x2300 && scalar.properties.isEmoji && !scalar.properties.isEmojiModifier
      && scalar.value != 0xFE0F && scalar.value != 0x200D
  }

  /// "14yo" → "14", "yo"; "500usd" → "500", "usd"; "r1500" → "r", "1500" (rand, rupees: an amount
  /// the patterns' `#` must see). A single digit after letters stays with them ("b4", "h8", "ps4").
  private static func splitNumberFromLetters(_ word: String) -> [String] {
    let isDigit = { (scalar: Unicode.Scalar) in scalar.properties.numericType == .decimal }
    if let first = word.unicodeScalars.first, !isDigit(first),
      let digits = word.unicodeScalars.firstIndex(where: isDigit),
      word.unicodeScalars.distance(from: word.unicodeScalars.startIndex, to: digits) <= 3,
      word.unicodeScalars.distance(from: digits, to: word.unicodeScalars.endIndex) >= 2,
      word.unicodeScalars[digits...].allSatisfy(isDigit)
    {
      return [String(word.unicodeScalars[..<digits]), String(word.unicodeScalars[digits...])]
    }
    guard let first = word.unicodeScalars.first, isDigit(first),
      let split = word.unicodeScalars.firstIndex(where: { !isDigit($0) })
    else { return [word] }
    let number = String(word.unicodeScalars[..<split])
    let rest = String(word.unicodeScalars[split...])
    // "2k" is an amount, 2000, not "2 okay".
    if rest == "k" { return [number + "000"] }
    return [number, rest]
  }

  /// "pleeease" → "please"; a run of three or more letters is cut to one, or to two when that is a known word.
  static func collapseRepeats(_ word: String, isKnown: (String) -> Bool) -> String {
    var previous: (UInt8, UInt8) = (0, 0)
    var hasRun = false
    for byte in word.utf8 {
      if byte == previous.0 && byte == previous.1 { hasRun = true; break }
      previous = (previous.1, byte)
    }
    guard hasRun else { return word }
    var single = String.UnicodeScalarView()
    var double = String.UnicodeScalarView()
    var changed = false
    let scalars = Array(word.unicodeScalars)
    var index = 0
    while index < scalars.count {
      var end = index
      while end + 1 < scalars.count && scalars[end + 1] == scalars[index] { end += 1 }
      let run = end - index + 1
      if run >= 3 && scalars[index].properties.isAlphabetic {
        changed = true
        single.append(scalars[index])
        double.append(scalars[index])
        double.append(scalars[index])
      } else {
        for scalar in scalars[index...end] {
          single.append(scalar)
          double.append(scalar)
        }
      }
      index = end + 1
    }
    guard changed else { return word }
    let doubled = String(double)
    return isKnown(doubled) && !isKnown(String(single)) ? doubled : String(single)
  }

  func normalize(_ text: String) -> NormalizedText {
    var words: [String] = []
    var clauses: [Int] = []
    var corrections: [Correction] = []
    var clauseShift = 0
    var typed: [(word: String, clause: Int)] = []
    for (raw, clause) in Self.tokenize(text) {
      var word = Self.collapseRepeats(raw, isKnown: spelling.isKnown)
      if word != raw { corrections.append(Correction(from: raw, to: word, kind: .repeatedLetters)) }
      if !spelling.isKnown(word), texting[word] == nil, !sayingWords.contains(word), let fixed = spelling.correction(for: word) {
        corrections.append(Correction(from: word, to: fixed, kind: .typo))
        word = fixed
      }
      typed.append((word, clause))
    }
    for (word, expanded, clause) in Self.expandTexting(typed, texting: texting, sayings: sayings) {
      if expanded != [word] {
        corrections.append(Correction(from: word, to: expanded.joined(separator: " "), kind: .texting))
      }
      for piece in expanded {
        if Self.clauseWords.contains(piece) { clauseShift += 1 }
        words.append(piece)
        clauses.append(clause + clauseShift)
      }
    }
    return NormalizedText(words: words, clauses: clauses, corrections: corrections)
  }
}
