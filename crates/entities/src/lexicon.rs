//! Word lists for folding names and for the tagger's title cue. Every entry is in folded
//! form (lower case, no accents, see `wiretrace_text::fold`), so lookups fold first.

use ahash::AHashSet;
use once_cell::sync::Lazy;

fn set(words: &'static str) -> AHashSet<&'static str> {
    words.split_whitespace().map(|w| w.trim()).collect()
}

/// Honorifics: kept in a mention's span (`Mr Maduro`), dropped when names are folded.
static HONORIFICS: Lazy<AHashSet<&str>> =
    Lazy::new(|| set("mr mrs ms miss mx dr sir dame mme madame senor senora sr sra"));

/// Capitalised role titles: cut from a mention's span (`President Nicolas Maduro` names
/// `Nicolas Maduro`), and strong evidence that a person follows.
static TITLES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("president presidents minister secretary gen general col colonel lt lieutenant capt \
         captain maj major sgt sergeant adm admiral commander cmdr cpl corporal sen senator \
         rep representative congressman congresswoman congresswomen congressmen gov governor \
         mayor judge justice chancellor premier king queen prince princess pope cardinal bishop \
         archbishop rabbi imam rev reverend prof professor ambassador chairman chairwoman \
         speaker director spokesman spokeswoman spokesperson envoy sheikh emir sultan \
         attache commissioner superintendent supt inspector detective officer chief")
});

/// Words that may stand before a title inside a capitalised run (`Defence Minister`,
/// `Vice President`); they belong to the title, not to the name.
static TITLE_MODIFIERS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("vice prime deputy foreign defence defense interior finance home state acting former \
         interim first chief attorney army military air force navy opposition federal \
         national senior assistant executive managing press communications security \
         trade economy health education justice energy oil foreign-affairs")
});

/// Common given names (English, Spanish, Portuguese, French, Arabic, Slavic), folded.
static FIRST_NAMES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("aaron abdul abdullah abraham adam adrian ahmed ahmad aisha alan albert alberto \
         alejandro alex alexander alexandra alexei alfredo ali alice alicia amanda amy ana \
         andrea andres andrew andrei angela angelina anna anne anthony antonio arturo barack \
         barbara ben benjamin bernie betty bill bob boris brandon brian bruce carl carla \
         carlos carmen carol caroline catherine cesar charles charlie chris christian \
         christina christopher claire claudia cristina daniel daniela david dennis diana \
         diego diosdado donald dmitry dolores edward eduardo elena elizabeth elliott emily \
         emma emmanuel enrique eric erik ernesto esteban eva evo fabiana felipe fernando \
         francisco frank gabriel gabriela george gerardo gloria gonzalo gregory guillermo \
         gustavo hassan hector helen henry hillary hugo ian ibrahim ignacio igor irene isabel \
         ivan jack jacob james jane janet jason javier jean jeb jeff jennifer jessica jim \
         joe john jonathan jorge jose josue joseph juan julia julian julio justin karen \
         kate katherine kevin kim laura lauren leopoldo linda lisa lorenzo louis lucia luis \
         luisa manuel marco marcos margaret maria mariana mario mark martin mary mateo \
         matthew maxim michael michelle miguel mike mikhail mohamed mohammed muhammad nancy \
         natalia nicholas nick nicolas nicole oscar omar pablo patricia patrick paul paula \
         pedro peter philip rafael ramon raul rebecca ricardo richard robert roberto rodrigo \
         ronald rosa ruth ryan salvador samuel sandra santiago sarah sebastian sergei sergio \
         simon sofia stephen steve steven susan thomas ted tim timothy tom tony valentina \
         vanessa victor victoria vladimir walter william xavier yolanda yuri zoe tulsi \
         marcela marta nestor rex hugh jair dilma lula andres manuel mauricio ivan marcelo")
});

pub(crate) fn is_honorific(folded: &str) -> bool {
    HONORIFICS.contains(folded.trim_end_matches('.'))
}

pub(crate) fn is_title(folded: &str) -> bool {
    TITLES.contains(folded.trim_end_matches('.'))
}

pub(crate) fn is_title_modifier(folded: &str) -> bool {
    TITLE_MODIFIERS.contains(folded)
}

pub(crate) fn is_first_name(folded: &str) -> bool {
    FIRST_NAMES.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_folded_entries_only() {
        for list in [&HONORIFICS, &TITLES, &TITLE_MODIFIERS, &FIRST_NAMES] {
            for word in list.iter() {
                assert_eq!(*word, wiretrace_text::fold(word), "{word} is not folded");
            }
        }
    }

    #[test]
    fn lookups_take_dotted_and_plain_forms() {
        assert!(is_title("gen.") && is_title("gen"));
        assert!(is_honorific("mr.") && is_honorific("mr"));
        assert!(is_title_modifier("vice"));
        assert!(is_first_name("elena") && !is_first_name("guaido"));
    }
}
