//! A short text that is almost always a static name (an event type, a details member),
//! in two words instead of `Cow<'static, str>`'s three: an execution's history holds
//! thousands of them, and the size of an event is what recording it costs.

use std::borrow::Cow;

/// A static name, or an owned one behind a thin pointer (rare: events read back from
/// JSON, members named at run time).
#[derive(Clone)]
pub(crate) enum Label {
    Static(&'static str),
    #[allow(
        clippy::box_collection,
        reason = "a thin pointer keeps the label two words"
    )]
    Owned(Box<String>),
}

impl Label {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Label::Static(text) => text,
            Label::Owned(text) => text,
        }
    }
}

/// By the text: a static and an owned label of the same text are equal.
impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Label {}

impl std::hash::Hash for Label {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<Cow<'static, str>> for Label {
    fn from(text: Cow<'static, str>) -> Label {
        match text {
            Cow::Borrowed(text) => Label::Static(text),
            Cow::Owned(text) => Label::Owned(Box::new(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_words() {
        assert_eq!(
            std::mem::size_of::<Label>(),
            2 * std::mem::size_of::<usize>()
        );
        assert_eq!(Label::Static("a").as_str(), "a");
        assert_eq!(Label::from(Cow::Owned("b".to_owned())).as_str(), "b");
        assert_eq!(Label::Static("b"), Label::Owned(Box::new("b".to_owned())));
    }
}
