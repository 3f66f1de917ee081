//! The built-in word lists of the rule-based tagger and the folding rules. Every entry is in
//! folded form (lower case, no accents, see `wiretrace_text::fold`), so lookups fold first.
//!
//! The lists are deliberately small: they carry the common cases of English news. A trained
//! tagger replaces most of them later.

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

/// Lower-case words that, just before a capitalised run, say a person's name follows
/// (`opposition leader Leopoldo Lopez`, `soldiers Carlos Guillen`).
static LOWER_TITLES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("president minister leader advisor adviser spokesman spokeswoman spokesperson secretary \
         senator general colonel ambassador envoy lawmaker legislator politician economist \
         analyst professor author journalist reporter correspondent activist lawyer attorney \
         candidate commander governor mayor chairman chairwoman founder ceo wife husband son \
         daughter brother sister mother father soldier soldiers officer officers defector \
         rapper singer actor actress player coach striker director official judge \
         congressman congresswoman senators ministers leaders dissident opponent rival \
         presenter host anchor columnist editor writer")
});

/// Verbs of saying: a capitalised run next to one is a person (`Maduro said`, `said Lopez`).
static REPORTING_VERBS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("said says told tells added adds wrote writes asked asks explained stated argued argues \
         noted notes warned warns claimed claims insisted insists announced tweeted replied \
         recalled acknowledged admitted conceded urged urges stressed declared")
});

/// Name particles allowed inside a person's or place's name (`Simon de la Cruz`).
static PARTICLES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("de da del della de la las los van von der den bin ibn al el le du di dos das y ben abu")
});

/// Prefixes joined by a hyphen to a capitalised word inside an Arabic name (`al-Assad`).
static HYPHEN_PARTICLES: Lazy<AHashSet<&str>> = Lazy::new(|| set("al el bin ibn abu ben ul ad as ash at az"));

/// Last words that make a capitalised run an organisation.
static ORG_HEADS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("party ministry department army navy council agency bank company co corp corporation \
         inc ltd llc plc group university college institute institution times news press post \
         journal herald tribune gazette assembly guard forces force committee commission court \
         congress parliament senate administration government police office bureau foundation \
         fund association union federation organization organisation league club church \
         network service services airlines airways international board authority command corps \
         movement front alliance coalition society centre center school hospital media channel \
         broadcasting radio tv television magazine motors industries holdings partners \
         brigade battalion regiment cartel reserve exchange tribunal cabinet house \
         representatives commons lords")
});

/// Heads after which `of` continues an organisation's or place's name (`Bank of England`,
/// `Ministry of Defence`, `United States of America`).
static OF_HEADS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("bank ministry department university college institute council court house republic \
         kingdom states union league organization organisation federation association \
         commission office bureau board school church chamber academy museum \
         gulf sea isle islands city province state")
});

/// Organisations better known by a bare name than by a head word.
static KNOWN_ORGS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("pentagon kremlin congress senate parliament nato opec un eu imf fbi cia nsa who \
         hezbollah hamas taliban isis twitter facebook google youtube whatsapp instagram \
         microsoft amazon pdvsa interpol unicef unesco unhcr")
});

/// Multi-word organisations without a head word (`White House`), folded.
static KNOWN_ORG_PHRASES: &[&str] = &[
    "white house",
    "supreme court",
    "security council",
    "downing street",
    "european union",
    "united nations",
    "red cross",
    "wall street",
];

/// Acronyms in capitals that are not organisations.
static NOT_ACRONYMS: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("i am pm gmt ist est edt pst utc bst cet ok tv ceo mp dna hiv id vs jr sr ii iii iv \
         faq pdf lol a an")
});

/// Countries, capitals and large cities, continents and regions, US states.
static PLACES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    let mut s = set("afghanistan albania algeria andorra angola argentina armenia australia austria \
         azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan \
         bolivia bosnia botswana brazil brunei bulgaria burundi cambodia cameroon canada chad \
         chile china colombia congo croatia cuba cyprus czechia denmark djibouti dominica \
         ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia \
         georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary \
         iceland india indonesia iran iraq ireland israel italy jamaica japan jordan \
         kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho \
         liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives \
         mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro \
         morocco mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua \
         niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines \
         poland portugal qatar romania russia rwanda samoa senegal serbia seychelles \
         singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria \
         taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu \
         uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia \
         zimbabwe us usa uk britain england scotland wales gaza crimea tibet greenland \
         africa asia europe antarctica oceania america americas caribbean arctic \
         caracas bogota havana lima quito santiago brasilia montevideo asuncion managua \
         washington london paris berlin madrid rome moscow beijing tokyo delhi kabul baghdad \
         tehran damascus beirut cairo riyadh ankara istanbul kyiv kiev minsk warsaw prague \
         vienna budapest brussels amsterdam lisbon athens oslo stockholm helsinki copenhagen \
         dublin ottawa toronto montreal vancouver sydney melbourne canberra jakarta manila \
         bangkok hanoi seoul pyongyang islamabad karachi mumbai kolkata dhaka nairobi lagos \
         abuja johannesburg pretoria khartoum tripoli tunis algiers rabat jerusalem doha \
         dubai geneva zurich miami chicago houston boston atlanta dallas seattle \
         hollywood maracaibo valencia panama mexico bogota medellin \
         alabama alaska arizona arkansas california colorado connecticut delaware florida \
         hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland \
         massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio \
         oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming");
    s.extend([
        "u.s.",
        "u.k.",
        "united states",
        "united kingdom",
        "new york",
        "new jersey",
        "new mexico",
        "new hampshire",
        "new zealand",
        "new delhi",
        "north korea",
        "south korea",
        "south africa",
        "south sudan",
        "saudi arabia",
        "sri lanka",
        "costa rica",
        "el salvador",
        "puerto rico",
        "dominican republic",
        "czech republic",
        "ivory coast",
        "hong kong",
        "latin america",
        "south america",
        "north america",
        "central america",
        "middle east",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "west virginia",
        "rhode island",
        "los angeles",
        "san francisco",
        "buenos aires",
        "rio de janeiro",
        "sao paulo",
        "mexico city",
        "washington dc",
        "west bank",
        "united arab emirates",
        "east timor",
        "papua new guinea",
        "sierra leone",
        "burkina faso",
        "cape verde",
        "trinidad and tobago",
        "western europe",
        "eastern europe",
        "southeast asia",
        "east asia",
        "gulf of mexico",
        "persian gulf",
        "tel aviv",
        "las vegas",
        "san diego",
        "new orleans",
        "st petersburg",
        "abu dhabi",
        "kuala lumpur",
        "ho chi minh city",
        "cape town",
        "addis ababa",
        "hong kong",
        "panama city",
    ]);
    s
});

/// Adjectives (and plurals) of nationality and religion: MISC, dropped in this version.
static NATIONALITIES: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("american americans venezuelan venezuelans british briton britons english french \
         german germans italian italians spanish spaniard spaniards russian russians chinese \
         japanese korean koreans indian indians pakistani pakistanis afghan afghans iraqi \
         iraqis iranian iranians syrian syrians israeli israelis palestinian palestinians \
         turkish turk turks egyptian egyptians saudi saudis mexican mexicans canadian \
         canadians brazilian brazilians colombian colombians cuban cubans argentine \
         argentinian argentinians chilean chileans peruvian peruvians ecuadorian bolivian \
         nicaraguan european europeans african africans asian asians latin hispanic arab \
         arabs ukrainian ukrainians polish dutch swedish norwegian danish finnish greek \
         greeks irish scottish welsh australian australians nigerian nigerians kenyan \
         south-african western eastern northern southern muslim muslims christian christians \
         catholic catholics jewish jew jews hindu sunni shia shiite kurdish kurds \
         democratic republican democrat democrats republicans socialist socialists \
         communist communists chavista chavistas bolivarian islamic soviet latino latinos \
         latina latinas vermonter floridian floridians texan texans californian \
         californians")
});

/// Months and days: capitalised, never names (`May` and `June` can be, see the tagger).
static CALENDAR: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("january february march april may june july august september october november \
         december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
         thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun")
});

/// Capitalised words at a sentence start that are ordinary English, not names. Extends
/// `wiretrace_text::is_stopword`.
static COMMON: Lazy<AHashSet<&str>> = Lazy::new(|| {
    set("however despite although though meanwhile instead still yet since many several \
         among across according amid without within because unless whether even every \
         another neither either nothing everything something anyone everyone nobody yes now \
         today yesterday tomorrow earlier later next first second third former top senior \
         let like unlike please sources officials critics experts supporters protesters \
         police analysts observers residents people thousands hundreds millions dozens \
         some few four five six seven eight nine ten asked speaking after before while \
         there here those these this that what why how when where who whom whose which \
         it its his her their our my your we they he she you i in on at by for with from \
         as if so and or but nor not no also just only then thus hence therefore indeed \
         perhaps maybe already again almost always never often sometimes once twice \
         most more less least much such other others same both each all any \
         under over above below between through during until upon into onto toward towards \
         will would could should may might must can shall do does did done is are was were \
         be been being have has had having get got make made take took give gave see saw \
         say says said tell told ask come came go went know knew think thought want wanted \
         watch read share join click sign follow subscribe update updated published photo \
         video editor note related advertisement story comments thank sorry welcome \
         breaking exclusive live analysis opinion image file pictured source getty \
         new old big small good bad great high low long short last late early recent \
         military government opposition army troops soldiers forces officers reporters \
         journalists witnesses lawmakers diplomats activists investigators authorities \
         prosecutors doctors engineers workers voters leaders ministers negotiators rescuers \
         scientists researchers families relatives neighbours neighbors students teachers")
});

fn contains(set: &AHashSet<&'static str>, folded: &str) -> bool {
    set.contains(folded)
}

pub(crate) fn is_honorific(folded: &str) -> bool {
    contains(&HONORIFICS, folded.trim_end_matches('.'))
}

pub(crate) fn is_title(folded: &str) -> bool {
    contains(&TITLES, folded.trim_end_matches('.'))
}

pub(crate) fn is_title_modifier(folded: &str) -> bool {
    contains(&TITLE_MODIFIERS, folded)
}

pub(crate) fn is_lower_title(folded: &str) -> bool {
    contains(&LOWER_TITLES, folded)
}

pub(crate) fn is_reporting_verb(folded: &str) -> bool {
    contains(&REPORTING_VERBS, folded)
}

pub(crate) fn is_particle(folded: &str) -> bool {
    contains(&PARTICLES, folded)
}

pub(crate) fn is_hyphen_particle(folded: &str) -> bool {
    contains(&HYPHEN_PARTICLES, folded)
}

pub(crate) fn is_org_head(folded: &str) -> bool {
    contains(&ORG_HEADS, folded.trim_end_matches('.'))
}

pub(crate) fn is_of_head(folded: &str) -> bool {
    contains(&OF_HEADS, folded)
}

/// Whether a folded phrase names an organisation without a head word.
pub(crate) fn is_known_org(folded_phrase: &str) -> bool {
    contains(&KNOWN_ORGS, folded_phrase) || KNOWN_ORG_PHRASES.contains(&folded_phrase)
}

pub(crate) fn is_not_acronym(folded: &str) -> bool {
    contains(&NOT_ACRONYMS, folded)
}

/// Whether a folded phrase (words joined by single spaces) is a known place.
pub(crate) fn is_place(folded_phrase: &str) -> bool {
    contains(&PLACES, folded_phrase)
        || contains(&PLACES, folded_phrase.trim_end_matches('.'))
        || (folded_phrase.contains('.') && {
            let plain: String = folded_phrase.chars().filter(|&c| c != '.').collect();
            contains(&PLACES, plain.as_str())
        })
}

pub(crate) fn is_nationality(folded: &str) -> bool {
    contains(&NATIONALITIES, folded)
}

pub(crate) fn is_calendar(folded: &str) -> bool {
    contains(&CALENDAR, folded.trim_end_matches('.'))
}

/// Whether a folded capitalised word at a sentence start is ordinary English.
pub(crate) fn is_common(folded: &str) -> bool {
    wiretrace_text::is_stopword(folded) || contains(&COMMON, folded)
}

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

pub(crate) fn is_first_name(folded: &str) -> bool {
    contains(&FIRST_NAMES, folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_folded_entries_only() {
        let lists: [&AHashSet<&str>; 10] = [
            &HONORIFICS,
            &TITLES,
            &LOWER_TITLES,
            &ORG_HEADS,
            &PLACES,
            &NATIONALITIES,
            &CALENDAR,
            &COMMON,
            &FIRST_NAMES,
            &PARTICLES,
        ];
        for list in lists {
            for word in list.iter() {
                assert_eq!(*word, wiretrace_text::fold(word), "{word} is not folded");
            }
        }
    }

    #[test]
    fn lookups_take_dotted_and_plain_forms() {
        assert!(is_place("u.s."));
        assert!(is_place("us"));
        assert!(is_place("latin america"));
        assert!(!is_place("maduro"));
        assert!(is_title("gen."));
        assert!(is_honorific("mr."));
        assert!(is_calendar("jan."));
        assert!(is_common("despite") && is_common("the"));
        assert!(!is_common("guaido"));
    }
}
