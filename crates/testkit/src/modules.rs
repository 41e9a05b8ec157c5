//! The modules of a crate import one another without circles, and none
//! imports the crate root: `lib.rs` declares the modules and re-exports what
//! the crate offers, so a module that imported from it would import,
//! through it, every other. [`assert_no_cycles`] checks a crate's `src`;
//! crates/typeset's tests call it (and crates/app's keep a copy of this
//! checker until they call it too).
//!
//! An import is any path `crate::NAME…` in a module's text (a `use`, or a
//! path written out in the code), comments left out; `crate::{A, b::C}`
//! names each of A and b. NAME is a module when `src/NAME.rs` exists, else
//! an item of the root. Modules are the files directly in `src`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module's file text without its comments (`//` to the end of the
/// line, outside string literals).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The first segment of each path a `crate::` at `rest` names.
fn named(rest: &str) -> Vec<String> {
    let first = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![first(rest)];
    };
    let mut depth = 0;
    let mut items = Vec::new();
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .map(first)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Module → the modules (or "the crate root") it imports.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    assert!(!modules.is_empty(), "no modules found in {}", src.display());
    let mut graph = BTreeMap::new();
    for m in &modules {
        let text = without_comments(&std::fs::read_to_string(src.join(format!("{m}.rs"))).unwrap());
        let mut to = BTreeSet::new();
        for (at, _) in text.match_indices("crate::") {
            // `amicus_crate::` or the like is not this crate.
            if text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            for name in named(&text[at + "crate::".len()..]) {
                if modules.contains(&name) {
                    if &name != m {
                        to.insert(name);
                    }
                } else {
                    to.insert("the crate root".to_string());
                }
            }
        }
        graph.insert(m.clone(), to);
    }
    graph
}

/// A circle among the modules, as the path around it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut found = path[i..].to_vec();
            found.push(m.to_string());
            return Some(found);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

/// Fails, naming them, if a module of the crate whose sources are in `src`
/// imports the crate root, or if its modules import one another in a
/// circle. Call it from a crate's tests with
/// `Path::new(env!("CARGO_MANIFEST_DIR")).join("src")`.
pub fn assert_no_cycles(src: &Path) {
    let graph = imports(src);
    let from_root: Vec<&String> = graph
        .iter()
        .filter(|(_, to)| to.contains("the crate root"))
        .map(|(m, _)| m)
        .collect();
    assert!(
        from_root.is_empty(),
        "these modules of {} import the crate root (name the module an item is defined in instead): {from_root:?}",
        src.display()
    );
    if let Some(c) = circle(&graph) {
        panic!(
            "the modules of {} import one another in a circle: {}",
            src.display(),
            c.join(" → ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_finds_a_circle_and_an_import_of_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("lib.rs", "mod a; mod b; mod c;");
        write("a.rs", "use crate::b::B; // crate::c in a comment\n");
        write(
            "b.rs",
            "use crate::{c::{C, D}, error};\nfn f() { let url = \"x//\"; }",
        );
        write("c.rs", "fn g() -> crate::a::A { todo!() }");
        let graph = imports(dir.path());
        assert_eq!(graph["a"], BTreeSet::from(["b".to_string()]));
        assert_eq!(
            graph["b"],
            BTreeSet::from(["c".to_string(), "the crate root".to_string()])
        );
        assert_eq!(
            circle(&graph).unwrap(),
            ["a", "b", "c", "a"].map(String::from)
        );
        write("c.rs", "fn g() {}");
        assert_eq!(circle(&imports(dir.path())), None);
    }

    #[test]
    #[should_panic(expected = "import one another in a circle: a → b → a")]
    fn a_circle_fails_the_assertion() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("lib.rs", "mod a; mod b;");
        write("a.rs", "use crate::b::B;");
        write("b.rs", "use crate::a::A;");
        assert_no_cycles(dir.path());
    }

    #[test]
    #[should_panic(expected = "import the crate root")]
    fn an_import_of_the_root_fails_the_assertion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.rs"), "use crate::Thing;").unwrap();
        assert_no_cycles(dir.path());
    }
}
