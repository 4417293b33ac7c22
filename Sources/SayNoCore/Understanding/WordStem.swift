/// A rough English stem, so that a pattern's "threaten" also finds "threatens" and "threatening", and
/// "cut" finds "cutting". Patterns and messages go through the same function, so it only has to be
/// consistent, not correct. Short words are left alone, so "is" never meets "i", and a final "e"
/// stays, so "here" never meets "her", nor "made" "mad". The past ("-ed") is kept apart on purpose:
/// "he posted them" is not "he will post them", and "i deleted it" is not "should i delete it".
enum WordStem {
  /// Nouns whose "-ing" is not a verb's and would meet another word: "evening" is not "even".
  private static let nouns = Set(["evening", "wedding"].map { Array($0.utf8) })

  static func of(_ word: String) -> String {
    var bytes = Array(word.utf8)
    guard bytes.count >= 4, bytes.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
    func ends(with suffix: StaticString) -> Bool {
      let count = suffix.utf8CodeUnitCount
      guard bytes.count >= count else { return false }
      return suffix.withUTF8Buffer { tail in tail.indices.allSatisfy { bytes[bytes.count - count + $0] == tail[$0] } }
    }
    if ends(with: "s") && !ends(with: "ss") && !ends(with: "us") && !ends(with: "is") { bytes.removeLast() }
    if ends(with: "ing") && bytes.count >= 6 && !Self.nouns.contains(bytes) {
      bytes.removeLast(3)
      // "cutting" → "cutt" → "cut"; "telling" → "tell" keeps its double "ll".
      if let last = bytes.last, bytes.count >= 4, bytes[bytes.count - 2] == last, !"aeioulsz".utf8.contains(last) {
        bytes.removeLast()
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
