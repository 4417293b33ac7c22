import Yams

/// A YAML value with the place it was written, so that every content error can say file:line:col.
///
/// Yams' `Node` is not `Sendable` and its decoding errors carry no line numbers, so the loader
/// copies each file into this small tree first.
struct YAMLTree: Sendable {
  enum Value: Sendable {
    case scalar(String)
    case list([YAMLTree])
    case map([(key: String, keyLocation: Location, value: YAMLTree)])
  }

  var value: Value
  var location: Location

  /// Parses one file. A YAML syntax error becomes a `ContentError` at its line and column.
  static func parse(_ file: ContentFile) -> Result<YAMLTree?, ContentError> {
    do {
      guard let node = try Yams.compose(yaml: file.text, .basic) else { return .success(nil) }
      return .success(YAMLTree(node, file: file.path))
    } catch let error as YamlError {
      return .failure(ContentError(location(of: error, in: file.path), "YAML syntax: \(problem(of: error))"))
    } catch {
      return .failure(ContentError(Location(file: file.path), "YAML syntax: \(error)"))
    }
  }

  private init(_ node: Yams.Node, file: String) {
    let mark = node.mark
    location = Location(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    switch node {
    case .scalar(let scalar):
      value = .scalar(scalar.string)
    case .sequence(let sequence):
      value = .list(sequence.map { YAMLTree($0, file: file) })
    case .mapping(let mapping):
      value = .map(
        mapping.map { pair in
          let key = YAMLTree(pair.key, file: file)
          return (key.scalar ?? "", key.location, YAMLTree(pair.value, file: file))
        })
    case .alias:
      value = .scalar("")
    }
  }

  var scalar: String? {
    if case .scalar(let text) = value { return text }
    return nil
  }

  var list: [YAMLTree]? {
    if case .list(let items) = value { return items }
    return nil
  }

  var map: [(key: String, keyLocation: Location, value: YAMLTree)]? {
    if case .map(let pairs) = value { return pairs }
    return nil
  }

  private static func location(of error: YamlError, in file: String) -> Location {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return Location(file: file, line: mark.line, column: mark.column)
    case .duplicatedKeysInMapping(_, let context):
      return Location(file: file, line: context.mark.line, column: context.mark.column)
    default:
      return Location(file: file)
    }
  }

  private static func problem(of error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      return [context?.text, problem].compactMap { $0 }.joined(separator: ", ")
    case .duplicatedKeysInMapping(let duplicates, _):
      return "the key(s) \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appear twice"
    default:
      return "\(error)"
    }
  }
}
