//! Guides over real stores, through the service, both backends: an admin's version
//! replaces the shipped text, every version is kept with who and why, a missing
//! translation can be added, and only admins edit.

#[path = "support/world.rs"]
mod world;

use std::sync::Arc;

use vigie_core::knowledge::{Knowledge, Language};
use vigie_core::{DomainError, Store};
use vigie_store::both_backends;

const EDITED: &str = "# Sécuriser ses comptes (revu)\n\nUn résumé revu par le réseau.\n\n## Étapes\n\nTexte.\n";

async fn admins_edit_guides_and_every_version_is_kept(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let k = Knowledge::new(store.clone(), store.clone(), Arc::new(w.clock.clone()));
    let (admin, _) = world::member(&w, "admin").await;
    let (resp, _) = world::member(&w, "resp").await;
    assert_eq!(store.guide_generation().await.unwrap(), 0);

    let shipped = k.guide("securing-accounts").await.unwrap();
    let (text, edited) = &shipped.texts[&Language::Fr];
    assert!(edited.is_none() && shipped.shipped);
    assert_ne!(text.markdown, EDITED.trim_start());

    // A responder may not edit; nothing is stored.
    let refused = k.save_guide(&resp, "securing-accounts", Language::Fr, EDITED, "").await;
    assert!(matches!(refused, Err(DomainError::Forbidden)), "{refused:?}");
    assert_eq!(store.guide_generation().await.unwrap(), 0);

    assert_eq!(k.save_guide(&admin, "securing-accounts", Language::Fr, EDITED, "titre revu").await.unwrap(), 1);
    let g = k.guide("securing-accounts").await.unwrap();
    let (text, edited) = &g.texts[&Language::Fr];
    assert_eq!(text.title, "Sécuriser ses comptes (revu)");
    assert_eq!(edited.as_ref().map(|e| (e.version, e.by)), Some((1, admin.user.id)));
    // The other translations are still the shipped ones.
    assert!(g.texts[&Language::Ar].1.is_none());

    // The same text again is refused; a second change is version 2.
    let same = k.save_guide(&admin, "securing-accounts", Language::Fr, EDITED, "").await;
    assert!(matches!(same, Err(DomainError::Conflict("guide unchanged"))), "{same:?}");
    w.clock.advance(60);
    let second = EDITED.replace("Texte.", "Texte corrigé.");
    assert_eq!(k.save_guide(&admin, "securing-accounts", Language::Fr, &second, "coquille").await.unwrap(), 2);
    let history = k.history(&admin, "securing-accounts", Language::Fr).await.unwrap();
    assert_eq!(
        history.iter().map(|v| (v.version, v.note.as_str())).collect::<Vec<_>>(),
        [(2, "coquille"), (1, "titre revu")]
    );
    assert!(history.iter().all(|v| v.by_name == "admin"));
    assert!(history[0].at.0 > history[1].at.0);
    assert!(k.history(&resp, "securing-accounts", Language::Fr).await.is_err());

    // A new guide, in English only: French readers get the English text and are told.
    let new = "# Working with journalists\n\nHow to talk to the press safely.\n\n## First\n\nText.";
    k.save_guide(&admin, "working-with-journalists", Language::En, new, "").await.unwrap();
    let g = k.guide("working-with-journalists").await.unwrap();
    assert!(!g.shipped);
    let shown = g.in_lang(Language::Fr).unwrap();
    assert_eq!((shown.lang, shown.fell_back_from), (Language::En, Some(Language::Fr)));

    // Bad input is refused with the field at fault.
    for (slug, body) in [("Bad Slug", new), ("ok-slug", "no title"), ("ok-slug", "# Title only")] {
        let e = k.save_guide(&admin, slug, Language::En, body, "").await;
        assert!(matches!(e, Err(DomainError::Invalid { .. })), "{slug}: {e:?}");
    }
    assert!(store.guide_generation().await.unwrap() >= 3);
    assert_eq!(store.latest_guide_versions().await.unwrap().len(), 2);
}

both_backends!(admins_edit_guides_and_every_version_is_kept);
