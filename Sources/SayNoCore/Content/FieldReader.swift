/// Reads the fields of one YAML mapping, collecting mistakes instead of stopping at the first.
struct FieldReader {
  let tree: YAMLTree
  let what: String
  var errors: [ContentError] = []
  private let pairs: [(key: String, keyLocation: Location, value: YAMLTree)]

  /// Reads `tree` as a mapping whose keys must be among `allowed`; `what` names it in messages ("node 'welcome'").
  init(_ tree: YAMLTree, what: String, allowed: [String]) {
    self.tree = tree
    self.what = what
    if let pairs = tree.map {
      self.pairs = pairs
      for pair in pairs where !allowed.contains(pair.key) {
        let hint = Self.closest(to: pair.key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        errors.append(
          ContentError(
            pair.keyLocation,
            "unknown field '\(pair.key)' in \(what)\(hint) (fields: \(allowed.joined(separator: ", ")))"))
      }
    } else {
      self.pairs = []
      errors.append(ContentError(tree.location, "\(what) must be a mapping of 'field: value' lines"))
    }
  }

  func value(_ key: String) -> YAMLTree? { pairs.first { $0.key == key }?.value }
  func keyLocation(_ key: String) -> Location? { pairs.first { $0.key == key }?.keyLocation }

  mutating func string(_ key: String, required: Bool = false, example: String = "text") -> Located<String>? {
    guard let tree = value(key) else {
      if required { errors.append(ContentError(self.tree.location, "\(what) has no '\(key)'; add '\(key): \(example)'")) }
      return nil
    }
    guard let text = tree.scalar, !text.isEmpty else {
      errors.append(ContentError(tree.location, "'\(key)' in \(what) must be one line of text, like '\(key): \(example)'"))
      return nil
    }
    return Located(value: text, location: tree.location)
  }

  /// A list of one-line texts; a single text is accepted as a list of one.
  mutating func strings(_ key: String, required: Bool = false, example: String = "text") -> [Located<String>] {
    guard let tree = value(key) else {
      if required {
        errors.append(ContentError(self.tree.location, "\(what) has no '\(key)'; add '\(key):' with lines like '  - \(example)'"))
      }
      return []
    }
    return lines(of: tree, key: key, example: example)
  }

  /// The one-line texts of a list (or of a single text) found under `key`.
  mutating func lines(of tree: YAMLTree, key: String, example: String = "text") -> [Located<String>] {
    if let text = tree.scalar, !text.isEmpty { return [Located(value: text, location: tree.location)] }
    guard let items = tree.list else {
      errors.append(ContentError(tree.location, "'\(key)' in \(what) must be a list of lines like '  - \(example)'"))
      return []
    }
    var result: [Located<String>] = []
    for item in items {
      if let text = item.scalar, !text.isEmpty {
        result.append(Located(value: text, location: item.location))
      } else {
        errors.append(ContentError(item.location, "each item of '\(key)' in \(what) must be one line of text"))
      }
    }
    return result
  }

  mutating func bool(_ key: String) -> Bool {
    guard let tree = value(key) else { return false }
    switch tree.scalar {
    case "true", "yes": return true
    case "false", "no": return false
    default:
      errors.append(ContentError(tree.location, "'\(key)' in \(what) must be 'true' or 'false'"))
      return false
    }
  }

  mutating func fail(_ location: Location, _ message: String) {
    errors.append(ContentError(location, message))
  }

  /// The allowed name nearest to a misspelt one, for "did you mean".
  static func closest(to word: String, in candidates: [String]) -> String? {
    candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    guard !x.isEmpty else { return y.count }
    guard !y.isEmpty else { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.count]
  }
}
