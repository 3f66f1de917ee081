//! Whole stories through both steps: tag each article, then fold the story's mentions. The
//! articles are invented; they imitate how outlets respell one name.

use wiretrace_core::{Article, Entity, EntityKind, Mention};
use wiretrace_entities::{resolve_entities, tag_mentions};

fn story(articles: &[(&str, &str)]) -> (Vec<Mention>, Vec<Entity>) {
    let mut mentions = Vec::new();
    for (id, text) in articles {
        let article = Article::new(*id, *text);
        let tagged = tag_mentions(&article);
        for m in &tagged {
            assert_eq!(m.span.slice(&article.text), m.text, "span of {m:?}");
        }
        mentions.extend(tagged);
    }
    let entities = resolve_entities(&mentions);
    (mentions, entities)
}

fn entity<'e>(entities: &'e [Entity], name: &str) -> &'e Entity {
    entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name} in {entities:#?}"))
}

#[test]
fn three_spellings_of_one_mayor_are_one_entity() {
    let (_, entities) = story(&[
        (
            "harbour-times",
            "Port Estrel mayor Elena Marqués said on Tuesday that the dam would hold. \
             But Marqués insisted the Valdoria Water Agency had been warned.",
        ),
        (
            "coastal-post",
            "Elena Marques, the mayor of Port Estrel, told the Coastal Post that repairs were \
             done.\n\nMs Marques said engineers from Valdoria had checked the gates.",
        ),
        ("river-wire", "Officials close to Elena Marqeus said the mayor would tour the dam on Friday."),
    ]);
    let elena = entity(&entities, "Elena Marqués");
    assert_eq!(elena.kind, EntityKind::Person);
    assert_eq!(elena.mentions, 5, "{elena:#?}");
    assert_eq!(elena.articles, ["coastal-post", "harbour-times", "river-wire"]);
    for spelling in ["Elena Marques", "Ms Marques", "Elena Marqeus", "Marqués"] {
        assert!(elena.variants.iter().any(|v| v == spelling), "{spelling} missing: {elena:#?}");
    }
    assert_eq!(entities[0].name, "Elena Marqués", "most mentioned comes first");
    assert_eq!(entity(&entities, "Valdoria Water Agency").kind, EntityKind::Organization);
    assert_eq!(entity(&entities, "Coastal Post").kind, EntityKind::Organization);
}

#[test]
fn a_surname_or_title_and_surname_joins_the_full_name() {
    let (_, entities) = story(&[
        (
            "a",
            "Valdorian President Aldo Brenn met defence minister Rosa Ferrat Lind in Lisbon. \
             Brenn said the talks went well.",
        ),
        (
            "b",
            "Critics say Brenn’s government is weak. Ms Ferrat said the army stood behind \
             President Brenn.",
        ),
    ]);
    let brenn = entity(&entities, "Aldo Brenn");
    assert_eq!(brenn.mentions, 4, "{brenn:#?}");
    assert_eq!(brenn.articles, ["a", "b"]);
    let ferrat = entity(&entities, "Rosa Ferrat Lind");
    assert_eq!(ferrat.mentions, 2, "{ferrat:#?}");
    assert!(ferrat.variants.contains(&"Ms Ferrat".to_string()));
    assert_eq!(entity(&entities, "Lisbon").kind, EntityKind::Location);
}

#[test]
fn two_people_sharing_a_surname_stay_two_and_the_bare_surname_stays_apart() {
    let (mentions, entities) = story(&[(
        "a",
        "Reporters asked Tomas Reyes and Ana Reyes about the plan; Reyes declined to comment.",
    )]);
    let bare = mentions.iter().find(|m| m.text == "Reyes").expect("bare surname tagged");
    assert_eq!(bare.kind, EntityKind::Person);
    assert_eq!(entity(&entities, "Tomas Reyes").mentions, 1, "{mentions:#?}");
    assert_eq!(entity(&entities, "Ana Reyes").mentions, 1);
    // Ambiguous: folded into neither full name.
    assert_eq!(entity(&entities, "Reyes").mentions, 1, "{mentions:#?}");
    assert_eq!(entities.len(), 3, "{entities:#?}");
}
