import Mustache

/// What every page's template can look up (its root, title, description
/// and search form's target), over the values of its own body.
struct PageContext<Body: MustacheParent>: MustacheParent {
    let root, title, description, searchAction: String
    let served: Bool
    let body: Body

    func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "title": title
        case "description": description
        case "searchAction": searchAction
        case "served": served
        default: body.child(named: name)
        }
    }
}
