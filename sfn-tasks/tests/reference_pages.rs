//! `sfn-tasks/docs/<Class>.md`, one reference page per class, is what the catalogue says
//! (`sfn_tasks::reference_page`); `SFN_BLESS=1` rewrites the pages (review the diff).
#[test]
fn reference_pages_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let bless = std::env::var_os("SFN_BLESS").is_some();
    let mut stale = Vec::new();
    let mut index = String::from(
        "# Catalogue reference\n\nOne page per class, generated from the catalogue (`sfn_tasks::reference_page`).\n\n",
    );
    for class in sfn_tasks::class_names() {
        let page = sfn_tasks::reference_page(class).expect("every class has a page");
        let path = dir.join(format!("{class}.md"));
        index.push_str(&format!("- [{class}]({class}.md)\n"));
        if bless {
            std::fs::write(&path, &page).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(class);
        }
    }
    let index_path = dir.join("README.md");
    if bless {
        std::fs::write(&index_path, &index).unwrap();
    } else if std::fs::read_to_string(&index_path).ok().as_deref() != Some(index.as_str()) {
        stale.push("README (index)");
    }
    assert!(
        stale.is_empty(),
        "stale reference pages (SFN_BLESS=1 rewrites them): {stale:?}"
    );
}

/// The pages say what matters: a field's ASL key, kind, enum words, default, and the IAM.
#[test]
fn a_page_lists_keys_kinds_defaults_and_iam() {
    let page = sfn_tasks::reference_page("SnsPublish").unwrap();
    assert!(
        page.contains("| `topic` | `TopicArn` | string | yes |"),
        "{page}"
    );
    assert!(page.contains("\"sns:Publish\""), "{page}");
    let page = sfn_tasks::reference_page("CallApiGatewayRestApiEndpoint").unwrap();
    assert!(
        page.contains("one of `no_auth`, `iam_role`, `resource_policy`"),
        "{page}"
    );
    assert!(page.contains("`\"NO_AUTH\"`"), "{page}");
    assert!(page.contains("States.Array($$.Task.Token)"), "{page}");
    assert!(sfn_tasks::reference_page("NoSuchClass").is_none());
}
