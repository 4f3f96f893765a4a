/// A tag from `Content/tags.yml`: articles may only use tags listed there.
package struct Tag: Sendable, Codable, Hashable {
    package let name: String
    package let description: String

    package init(name: String, description: String) {
        self.name = name
        self.description = description
    }
}
