//! The IPC contract, checked from both sides' source. A command is written
//! in three places (its `#[tauri::command]` function, the list in
//! `tauri::generate_handler!`, the UI's `invoke("name", { args })`) and an
//! event in two (the shell's `WindowEvent`, the UI's `listen`); the types
//! are generated (`bindings.rs`), the rest is read here and compared:
//!
//! - every handler entry is a command, and every command is in a handler;
//! - every `invoke` in the UI names a command of its window, with exactly
//!   that command's arguments (snake_case in Rust, camelCase in the UI, as
//!   Tauri converts them) and the type the command answers;
//! - every command is called by its window's UI;
//! - every event the shell emits is listened to, under its name and
//!   payload type, and the UI listens to nothing else.
//!
//! Two windows: the app's (`commands::handler`, `ui/src/ipc/`) and the
//! benchmarks' empty one (`hooks.rs`, `ui/test-hooks/`). Rust is read with
//! `syn`; the UI with the small scanner below, which reads string literals
//! and skips comments, and fails on any call it cannot read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::visit::Visit;

/// The app's window and the benchmarks' empty one: where the handler list
/// is, and the UI files that call it.
const WINDOWS: [(&str, &str); 2] = [
    ("src-tauri/src/commands/mod.rs", "ui/src/ipc"),
    ("src-tauri/src/hooks.rs", "ui/test-hooks"),
];

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn repo() -> PathBuf {
    manifest()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A file as a problem names it: from the repository's root.
fn shown(file: &Path) -> String {
    file.strip_prefix(repo())
        .unwrap_or(file)
        .display()
        .to_string()
}

// ---- The Rust side ----

/// A `#[tauri::command]` function.
#[derive(Debug, Clone)]
struct Command {
    /// The arguments the UI passes, as the UI names them (camelCase).
    args: BTreeSet<String>,
    /// The TypeScript type of the answer.
    answers: String,
}

/// Every command, by the file it is in and its name.
fn rust_commands(files: &[PathBuf]) -> BTreeMap<(PathBuf, String), Command> {
    let mut commands = BTreeMap::new();
    for file in files {
        for item in parse(file).items {
            let syn::Item::Fn(f) = item else { continue };
            let Some(attr) = f.attrs.iter().find(|a| is_command(a.path())) else {
                continue;
            };
            let attr = quote_free(attr);
            assert!(
                !attr.contains("rename_all"),
                "{}: {} renames its arguments; this test assumes Tauri's camelCase",
                file.display(),
                f.sig.ident
            );
            let args = f
                .sig
                .inputs
                .iter()
                .filter_map(|arg| match arg {
                    syn::FnArg::Typed(t) if !injected(&t.ty) => match &*t.pat {
                        syn::Pat::Ident(p) => Some(camel(&p.ident.to_string())),
                        _ => panic!(
                            "{}: {}: an argument that is not a name",
                            file.display(),
                            f.sig.ident
                        ),
                    },
                    _ => None,
                })
                .collect();
            let answers = match &f.sig.output {
                syn::ReturnType::Default => "null".to_string(),
                syn::ReturnType::Type(_, ty) => typescript(ty),
            };
            commands.insert(
                (file.clone(), f.sig.ident.to_string()),
                Command { args, answers },
            );
        }
    }
    commands
}

fn parse(file: &Path) -> syn::File {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", file.display()))
}

fn is_command(path: &syn::Path) -> bool {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    names == ["tauri", "command"] || names == ["command"]
}

/// An attribute's arguments, as text.
fn quote_free(attr: &syn::Attribute) -> String {
    match &attr.meta {
        syn::Meta::List(list) => list.tokens.to_string(),
        _ => String::new(),
    }
}

/// Arguments Tauri fills in itself (the UI does not pass them).
fn injected(ty: &syn::Type) -> bool {
    let last = last_segment(ty).map(|s| s.ident.to_string());
    matches!(
        last.as_deref(),
        Some("State" | "AppHandle" | "Window" | "Webview" | "WebviewWindow" | "Request")
    )
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn generic(segment: &syn::PathSegment, n: usize) -> &syn::Type {
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        panic!("{} without type arguments", segment.ident);
    };
    args.args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .nth(n)
        .unwrap_or_else(|| panic!("{} without type argument {n}", segment.ident))
}

/// The TypeScript type serde's JSON of a Rust type has (as `bindings.rs`
/// names it: numbers for integers, strings for dates and paths).
fn typescript(ty: &syn::Type) -> String {
    if let syn::Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "a tuple answer");
        return "null".into();
    }
    let Some(segment) = last_segment(ty) else {
        panic!("a type this test cannot name in TypeScript (add it to `typescript`)");
    };
    match segment.ident.to_string().as_str() {
        "Reply" | "Result" => typescript(generic(segment, 0)),
        "Option" => format!("{} | null", typescript(generic(segment, 0))),
        "Vec" => format!("{}[]", typescript(generic(segment, 0))),
        "i32" | "i64" | "u32" | "u64" | "usize" | "f64" => "number".into(),
        "String" | "PathBuf" | "NaiveDate" | "DateTime" => "string".into(),
        "bool" => "boolean".into(),
        name => name.into(),
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The commands a `generate_handler!` list names, as (file, name), with
/// the file it is in resolved from its path.
fn handler_entries(file: &Path) -> Vec<(PathBuf, String)> {
    /// One entry: `#[cfg(...)] path::to::command`.
    struct Entry(syn::Path);
    impl syn::parse::Parse for Entry {
        fn parse(input: syn::parse::ParseStream) -> syn::Result<Entry> {
            syn::Attribute::parse_outer(input)?;
            Ok(Entry(input.parse()?))
        }
    }
    #[derive(Default)]
    struct Lists(Vec<syn::Macro>);
    impl<'a> Visit<'a> for Lists {
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if m.path
                .segments
                .last()
                .is_some_and(|s| s.ident == "generate_handler")
            {
                self.0.push(m.clone());
            }
        }
    }
    let mut lists = Lists::default();
    lists.visit_file(&parse(file));
    assert_eq!(
        lists.0.len(),
        1,
        "{}: one generate_handler! list",
        file.display()
    );
    let entries = lists.0[0]
        .parse_body_with(Punctuated::<Entry, syn::Token![,]>::parse_terminated)
        .unwrap_or_else(|e| panic!("{}: the handler list: {e}", file.display()));
    entries
        .into_iter()
        .map(|Entry(path)| {
            let mut names: Vec<String> =
                path.segments.iter().map(|s| s.ident.to_string()).collect();
            let name = names.pop().unwrap_or_default();
            (module_file(file, &names), name)
        })
        .collect()
}

/// The file of module `path` as written in `from`.
fn module_file(from: &Path, path: &[String]) -> PathBuf {
    let src = manifest().join("src");
    let (mut dir, rest) = match path.split_first() {
        None => return from.to_path_buf(),
        Some((first, rest)) if first == "crate" => (src, rest),
        Some(_) if from.ends_with("mod.rs") || from.ends_with("main.rs") => {
            (from.parent().unwrap_or(&src).to_path_buf(), path)
        }
        Some(_) => (from.with_extension(""), path),
    };
    for segment in rest {
        dir.push(segment);
    }
    let file = dir.with_extension("rs");
    if file.exists() {
        file
    } else {
        dir.join("mod.rs")
    }
}

/// The events the shell sends the window: `impl WindowEvent for Payload {
/// const NAME = "name"; }`, as name → payload type.
fn rust_events(file: &Path) -> BTreeMap<String, String> {
    let mut events = BTreeMap::new();
    for item in parse(file).items {
        let syn::Item::Impl(i) = item else { continue };
        let Some((_, trait_path, _)) = &i.trait_ else {
            continue;
        };
        if !trait_path.is_ident("WindowEvent") {
            continue;
        }
        let name = i.items.iter().find_map(|item| match item {
            syn::ImplItem::Const(c) if c.ident == "NAME" => match &c.expr {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        });
        let name = name.unwrap_or_else(|| panic!("a WindowEvent without a NAME literal"));
        events.insert(name, typescript(&i.self_ty));
    }
    events
}

/// The places that call Tauri's own `emit` (all events must go through
/// the one helper, so they are all `WindowEvent`s).
fn raw_emits(files: &[PathBuf]) -> Vec<String> {
    #[derive(Default)]
    struct Emits(usize);
    impl<'a> Visit<'a> for Emits {
        fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
            if call.method.to_string().starts_with("emit") {
                self.0 += 1;
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    files
        .iter()
        .flat_map(|file| {
            let mut emits = Emits::default();
            emits.visit_file(&parse(file));
            std::iter::repeat_n(file.display().to_string(), emits.0)
        })
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

// ---- The UI side ----

/// `invoke<Answer>("command", { arg, other: value })` or
/// `listen<Payload>("event", …)` in the UI.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    at: String,
    name: String,
    /// The type argument, spaces normalized (None: not given).
    ty: Option<String>,
    /// The keys of the arguments object (None: no arguments).
    args: Option<BTreeSet<String>>,
}

fn ui_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            files.extend(ui_files(&path));
        } else if [".ts", ".tsx", ".js"].iter().any(|e| name.ends_with(e))
            && !name.contains(".test.")
            && !name.ends_with(".d.ts")
        {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Source text with comments blanked (string literals kept), so a word in
/// a comment is not read as a call.
fn without_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                out.push(if chars[i] == '\n' { '\n' } else { ' ' });
                i += 1;
            }
            i += 2;
        } else if matches!(c, '"' | '\'' | '`') {
            let end = string_end(&chars, i);
            out.extend(&chars[i..end]);
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where the string literal opening at `start` ends (past its quote).
fn string_end(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    (i + 1).min(chars.len())
}

/// Every call of `function` (a whole word followed by `(` or `<`) in
/// `text`; a call this cannot read is an error naming its line.
fn ui_calls(file: &Path, function: &str) -> Result<Vec<Call>, String> {
    let raw = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text: Vec<char> = without_comments(&raw).chars().collect();
    let word: Vec<char> = function.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut calls = Vec::new();
    let mut i = 0;
    while i + word.len() <= text.len() {
        let whole = text[i..i + word.len()] == word[..]
            && (i == 0 || !ident(text[i - 1]))
            && text.get(i + word.len()).is_some_and(|&c| !ident(c));
        if !whole {
            i += if matches!(text[i], '"' | '\'' | '`') {
                string_end(&text, i) - i
            } else {
                1
            };
            continue;
        }
        let line = text[..i].iter().filter(|&&c| c == '\n').count() + 1;
        let at = format!("{}:{line}", shown(file));
        let mut p = skip_space(&text, i + word.len());
        // Not a call (an import, `typeof invoke`, a property name).
        if !matches!(text.get(p), Some('(' | '<')) {
            i = p;
            continue;
        }
        let ty = if text[p] == '<' {
            let end = closing(&text, p, '<', '>').ok_or_else(|| format!("{at}: unclosed <"))?;
            let ty: String = text[p + 1..end].iter().collect();
            p = skip_space(&text, end + 1);
            Some(ty.split_whitespace().collect::<Vec<_>>().join(" "))
        } else {
            None
        };
        if text.get(p) != Some(&'(') {
            return Err(format!("{at}: {function} is not called"));
        }
        p = skip_space(&text, p + 1);
        if text.get(p) != Some(&'"') {
            return Err(format!(
                "{at}: the name {function} is given is not a string literal"
            ));
        }
        let end = string_end(&text, p);
        let name: String = text[p + 1..end - 1].iter().collect();
        p = skip_space(&text, end);
        let args = if function == "invoke" && text.get(p) == Some(&',') {
            p = skip_space(&text, p + 1);
            if text.get(p) != Some(&'{') {
                return Err(format!(
                    "{at}: {name}'s arguments are not an object literal"
                ));
            }
            let end = closing(&text, p, '{', '}').ok_or_else(|| format!("{at}: unclosed {{"))?;
            let keys = object_keys(&text[p + 1..end]).map_err(|e| format!("{at}: {e}"))?;
            p = skip_space(&text, end + 1);
            if text.get(p) == Some(&',') {
                p = skip_space(&text, p + 1);
            }
            if text.get(p) != Some(&')') {
                return Err(format!(
                    "{at}: {name} is given more than a name and arguments"
                ));
            }
            Some(keys)
        } else {
            None
        };
        calls.push(Call { at, name, ty, args });
        i = p;
    }
    Ok(calls)
}

fn skip_space(text: &[char], mut i: usize) -> usize {
    while text.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// The index of the bracket closing the one at `open`.
fn closing(text: &[char], open: usize, left: char, right: char) -> Option<usize> {
    let mut depth = 0;
    let mut i = open;
    while i < text.len() {
        match text[i] {
            c if c == left => depth += 1,
            c if c == right => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            '"' | '\'' | '`' => {
                i = string_end(text, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The keys of an object literal's body (`a, b: x, "c": y`).
fn object_keys(body: &[char]) -> Result<BTreeSet<String>, String> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0, 0);
    while i < body.len() {
        match body[i] {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '"' | '\'' | '`' => {
                i = string_end(body, i);
                continue;
            }
            ',' if depth == 0 => {
                parts.push(body[start..i].iter().collect::<String>());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(body[start..].iter().collect());
    let mut keys = BTreeSet::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let key = part.split(':').next().unwrap_or_default().trim();
        let key = key.trim_matches(|c| c == '"' || c == '\'');
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("cannot read the argument {part:?}"));
        }
        keys.insert(key.to_string());
    }
    Ok(keys)
}

// ---- The comparison ----

/// What is wrong with one window's contract: its handler list, the commands
/// there are, and its UI's calls.
fn problems(
    handler: &[(PathBuf, String)],
    commands: &BTreeMap<(PathBuf, String), Command>,
    calls: &[Call],
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut registered = BTreeMap::new();
    for key in handler {
        let (file, name) = key;
        match commands.get(key) {
            Some(command) => {
                if registered.insert(name.clone(), command).is_some() {
                    problems.push(format!("{name} is in the handler list twice"));
                }
            }
            None => problems.push(format!(
                "the handler list names {name} in {}, which has no #[tauri::command] of that name",
                shown(file)
            )),
        }
    }
    let mut called = BTreeSet::new();
    for call in calls {
        let Some(command) = registered.get(&call.name) else {
            problems.push(format!(
                "{}: no command {:?} is registered",
                call.at, call.name
            ));
            continue;
        };
        called.insert(call.name.clone());
        let none = BTreeSet::new();
        let given = call.args.as_ref().unwrap_or(&none);
        if *given != command.args {
            problems.push(format!(
                "{}: {} is given {given:?}; the command takes {:?}",
                call.at, call.name, command.args
            ));
        }
        // A .js file (the empty window) has no types to compare.
        if let Some(ty) = &call.ty
            && *ty != command.answers
        {
            problems.push(format!(
                "{}: {} is read as {ty}; the command answers {}",
                call.at, call.name, command.answers
            ));
        } else if call.ty.is_none() && !call.at.contains(".js:") {
            problems.push(format!(
                "{}: {} says nothing of its answer",
                call.at, call.name
            ));
        }
    }
    for name in registered.keys().filter(|n| !called.contains(*n)) {
        problems.push(format!("{name} is registered but the UI never calls it"));
    }
    problems
}

/// The commands no handler list names.
fn unregistered(
    commands: &BTreeMap<(PathBuf, String), Command>,
    in_a_handler: &BTreeSet<(PathBuf, String)>,
) -> Vec<String> {
    commands
        .keys()
        .filter(|k| !in_a_handler.contains(*k))
        .map(|(file, name)| format!("{name} ({}) is a command no handler registers", shown(file)))
        .collect()
}

/// What is wrong between the events the shell sends and those the UI
/// listens to.
fn event_problems(sent: &BTreeMap<String, String>, heard: &[Call]) -> Vec<String> {
    let mut problems = Vec::new();
    for call in heard {
        match sent.get(&call.name) {
            None => problems.push(format!(
                "{}: the shell sends no event {:?}",
                call.at, call.name
            )),
            Some(payload) if call.ty.as_ref() != Some(payload) => problems.push(format!(
                "{}: {} is read as {:?}; its payload is {payload}",
                call.at, call.name, call.ty
            )),
            Some(_) => {}
        }
    }
    for name in sent.keys().filter(|n| !heard.iter().any(|c| &c.name == *n)) {
        problems.push(format!(
            "the shell sends {name} but the UI does not listen to it"
        ));
    }
    problems
}

fn all_calls(dir: &Path, function: &str) -> (Vec<Call>, Vec<String>) {
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    for file in ui_files(dir) {
        match ui_calls(&file, function) {
            Ok(found) => calls.extend(found),
            Err(e) => problems.push(e),
        }
    }
    (calls, problems)
}

#[test]
fn the_handler_lists_the_commands_and_the_ui_calls_them_as_they_are() {
    let src = rust_files(&manifest().join("src"));
    let commands = rust_commands(&src);
    let mut found = Vec::new();
    let mut in_a_handler = BTreeSet::new();
    for (handler_file, ui_dir) in WINDOWS {
        let handler = handler_entries(&repo().join(handler_file));
        in_a_handler.extend(handler.iter().cloned());
        let (calls, unreadable) = all_calls(&repo().join(ui_dir), "invoke");
        assert!(!calls.is_empty(), "no invoke calls found in {ui_dir}");
        found.extend(unreadable);
        found.extend(problems(&handler, &commands, &calls));
    }
    found.extend(unregistered(&commands, &in_a_handler));
    assert!(found.is_empty(), "the IPC contract:\n{}", found.join("\n"));
}

#[test]
fn the_ui_listens_to_the_events_the_shell_sends() {
    let src = rust_files(&manifest().join("src"));
    let sent = rust_events(&manifest().join("src/main.rs"));
    assert!(!sent.is_empty(), "no WindowEvent found in main.rs");
    let emits = raw_emits(&src);
    assert_eq!(
        emits,
        [manifest().join("src/main.rs").display().to_string()],
        "events go through main.rs's one `emit` helper, so each is a WindowEvent"
    );
    let (heard, mut problems) = all_calls(&repo().join("ui/src/ipc"), "listen");
    problems.extend(event_problems(&sent, &heard));
    assert!(
        problems.is_empty(),
        "the IPC events:\n{}",
        problems.join("\n")
    );
}

// ---- The checker's own tests: each kind of drift is found ----

fn command(args: &[&str], answers: &str) -> Command {
    Command {
        args: args.iter().map(|a| a.to_string()).collect(),
        answers: answers.into(),
    }
}

fn call(name: &str, ty: &str, args: Option<&[&str]>) -> Call {
    Call {
        at: "index.ts:1".into(),
        name: name.into(),
        ty: Some(ty.into()),
        args: args.map(|a| a.iter().map(|s| s.to_string()).collect()),
    }
}

#[test]
fn each_kind_of_drift_is_found() {
    let file = PathBuf::from("letters.rs");
    let commands = BTreeMap::from([
        (
            (file.clone(), "letter_open".into()),
            command(&["id"], "LetterDetail"),
        ),
        (
            (file.clone(), "letter_copy".into()),
            command(&["id", "date"], "NewLetter"),
        ),
    ]);
    let handler = vec![
        (file.clone(), "letter_open".to_string()),
        (file.clone(), "letter_copy".to_string()),
    ];
    let good = vec![
        call("letter_open", "LetterDetail", Some(&["id"])),
        call("letter_copy", "NewLetter", Some(&["id", "date"])),
    ];
    assert_eq!(problems(&handler, &commands, &good), Vec::<String>::new());

    let drift = |handler: &[(PathBuf, String)], calls: &[Call]| -> String {
        let found = problems(handler, &commands, calls);
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    };
    // A command the handler does not list: the UI's call fails.
    assert!(drift(&handler[..1], &good).contains("no command \"letter_copy\" is registered"));
    let listed = handler[..1].iter().cloned().collect();
    assert_eq!(unregistered(&commands, &listed).len(), 1);
    assert!(unregistered(&commands, &handler.iter().cloned().collect()).is_empty());
    // A command the UI never calls.
    assert!(drift(&handler, &good[..1]).contains("never calls it"));
    // A handler entry that is not a command.
    let mut extra = handler.clone();
    extra.push((file.clone(), "letter_lost".into()));
    assert!(drift(&extra, &good).contains("no #[tauri::command]"));
    // The UI calls a name no command has.
    let mut typo = good.clone();
    typo[1].name = "letters_copy".into();
    assert!(problems(&handler, &commands, &typo)[0].contains("no command \"letters_copy\""));
    // An argument renamed on one side only (snake_case sent as is).
    let mut renamed = good.clone();
    renamed[1] = call("letter_copy", "NewLetter", Some(&["id", "on"]));
    assert!(drift(&handler, &renamed).contains("the command takes"));
    // An argument left out.
    renamed[1] = call("letter_copy", "NewLetter", Some(&["id"]));
    assert!(drift(&handler, &renamed).contains("the command takes"));
    // The answer read as another type.
    renamed[1] = call("letter_copy", "LetterDetail", Some(&["id", "date"]));
    assert!(drift(&handler, &renamed).contains("answers NewLetter"));

    // Events: a name or payload changed on one side.
    let sent = BTreeMap::from([("record-changed".to_string(), "RecordChanged".to_string())]);
    let heard = |name: &str, ty: &str| vec![call(name, ty, None)];
    assert!(event_problems(&sent, &heard("record-changed", "RecordChanged")).is_empty());
    assert_eq!(
        event_problems(&sent, &heard("record_changed", "RecordChanged")).len(),
        2
    );
    assert!(
        event_problems(&sent, &heard("record-changed", "TeamConnection"))[0].contains("payload")
    );
}

#[test]
fn the_scanner_reads_calls_and_skips_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("index.ts");
    std::fs::write(
        &file,
        r#"import { invoke } from "@tauri-apps/api/core";
// invoke("commented_out")
/* invoke<null>("nor_this") */
const s = "invoke(\"in_a_string\")";
export const a = () => invoke<string | null>("a_b", {
  id, pageMs: performance.now(), nested: { x: 1, y: [1, 2] }, "quoted": f(1, 2),
});
export const b = () =>
  invoke<Array<Map<string, number>>>("b");
"#,
    )
    .expect("write");
    let calls = ui_calls(&file, "invoke").expect("readable");
    let keys = |k: &[&str]| Some(k.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        calls,
        vec![
            Call {
                at: format!("{}:5", file.display()),
                name: "a_b".into(),
                ty: Some("string | null".into()),
                args: keys(&["id", "nested", "pageMs", "quoted"]),
            },
            Call {
                at: format!("{}:9", file.display()),
                name: "b".into(),
                ty: Some("Array<Map<string, number>>".into()),
                args: None,
            },
        ]
    );
    std::fs::write(&file, "invoke<null>(name, { id });").expect("write");
    assert!(
        ui_calls(&file, "invoke").is_err(),
        "a name that is not a literal is refused"
    );
    std::fs::write(&file, "invoke<null>(\"x\", args);").expect("write");
    assert!(
        ui_calls(&file, "invoke").is_err(),
        "arguments not written out are refused"
    );
    assert_eq!(camel("blank_signature"), "blankSignature");
}
