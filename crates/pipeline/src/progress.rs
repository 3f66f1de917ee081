/// The stage a progress report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageName {
    Read,
    Store,
    Analyse,
    Reuse,
    Stories,
}

impl StageName {
    pub fn label(&self) -> &'static str {
        match self {
            StageName::Read => "reading",
            StageName::Store => "storing",
            StageName::Analyse => "quotes, cues, entities",
            StageName::Reuse => "copied passages",
            StageName::Stories => "stories",
        }
    }
}

/// `done` of `total` items of a stage are finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: StageName,
    pub done: usize,
    pub total: usize,
}
