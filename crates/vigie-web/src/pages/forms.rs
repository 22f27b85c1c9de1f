//! Form pieces shared by the pages: the CSRF field, labelled inputs with their error,
//! and the translation of domain errors into sentences for a field.

use maud::{Markup, html};
use vigie_core::DomainError;

use crate::context::Ctx;
use crate::i18n::Tr;

/// Errors of a submitted form, by field name.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value, or records the error under its field (or `fallback`).
    pub fn take<T>(&mut self, tr: Tr, fallback: &'static str, r: Result<T, DomainError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                let field = match &e {
                    DomainError::Invalid { field, .. } => field,
                    _ => fallback,
                };
                self.add(field, domain_message(tr, &e));
                None
            }
        }
    }
}

/// A domain error as a sentence in the visitor's language.
pub fn domain_message(tr: Tr, e: &DomainError) -> String {
    match e {
        DomainError::Invalid { problem, .. } => tr.t(&format!("problem-{}", problem.code())),
        DomainError::Conflict("username") => tr.t("conflict-username"),
        DomainError::Conflict("organization slug") => tr.t("conflict-slug"),
        DomainError::Conflict(_) => tr.t("conflict-other"),
        DomainError::BadCredentials => tr.t("login-failed"),
        DomainError::BadSetupToken => tr.t("setup-link-invalid"),
        DomainError::AlreadySetUp => tr.t("setup-done-already"),
        DomainError::KeyLocked => tr.t("error-key-locked"),
        DomainError::Key(_) => tr.t("problem-recovery-key"),
        DomainError::NotFound => tr.t("error-not-found"),
        DomainError::Forbidden => tr.t("error-forbidden"),
        _ => tr.t("error-internal"),
    }
}

pub fn csrf(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf" value=(ctx.csrf); }
}

/// A labelled input. `kind` is the input type; passwords are never echoed back.
pub struct Input<'a> {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub value: &'a str,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
}

impl<'a> Input<'a> {
    pub fn new(name: &'static str, label: String) -> Self {
        Self { name, label, kind: "text", value: "", autocomplete: "off", hint: None }
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }
    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = a;
        self
    }
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn render(&self, errors: &FieldErrors) -> Markup {
        let id = format!("f-{}", self.name);
        let error = errors.get(self.name);
        let value = if self.kind == "password" { "" } else { self.value };
        html! {
            div.field.invalid[error.is_some()] {
                label for=(id) { (self.label) }
                @if let Some(h) = &self.hint { small.hint { (h) } }
                input id=(id) name=(self.name) type=(self.kind) value=(value) autocomplete=(self.autocomplete)
                    required aria-invalid=[error.map(|_| "true")];
                @if let Some(e) = error { p.error role="alert" { (e) } }
            }
        }
    }
}

/// A notice box (`kind` is `ok`, `warn` or `error`).
pub fn notice(kind: &'static str, text: &str) -> Markup {
    html! { p class={ "notice " (kind) } role="status" { (text) } }
}

/// A form with no field but the CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct NoFields {}
