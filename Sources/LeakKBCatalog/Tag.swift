/// A tag from `Content/tags.yml`: articles may only use tags listed there.
public struct Tag: Sendable, Codable, Hashable {
    public let name: String
    public let description: String

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }
}
