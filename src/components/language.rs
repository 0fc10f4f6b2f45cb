//! The language Steady speaks: the phone's at first, the person's choice once
//! they make one in Settings. Changing it redraws the screens at once, without
//! a reload, and puts back whatever the person had typed on the screen.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::conventions::Conventions;
use crate::domain::i18n::{self, Lang};
use crate::components::typed_text::TypedText;
use crate::storage;

#[derive(Clone, Copy)]
pub struct Language {
    /// Read by the frame around the screens, which is drawn again when it changes.
    pub current: RwSignal<Lang>,
}

/// Before anything is drawn (the lock screen too): the person's choice, or the phone's language.
pub fn decide() -> Lang {
    let lang = storage::chosen_language().unwrap_or_else(phone_language);
    show_in(lang);
    lang
}

/// Fetches the catalog `lang` needs, if it isn't here yet (from the service
/// worker's cache after the first visit), trying a failed fetch again twice (0.3 s
/// and 1 s later).
/// Without it, text stays English.
pub async fn fetch_catalog(lang: Lang) {
    for wait in [0, 300, 1000] {
        if !catalog_needed(lang) {
            return;
        }
        // Not at once: what made a fetch fail (the service worker taking over, say) may last a moment.
        if wait > 0 {
            crate::storage::vault::sleep(wait).await;
        }
        if let Some(catalog) = split_catalog(lang).await {
            i18n::install_catalog(lang, catalog);
        }
    }
}

pub fn catalog_needed(lang: Lang) -> bool {
    i18n::catalog_missing(lang)
}

// Each catalog is a module of its own, so a reader downloads only their language's.
macro_rules! catalog_loaders {
    (offered { $($variant:ident, $code:literal, $name:literal, $module:ident;)* } hidden { $($h_variant:ident, $h_code:literal, $h_name:literal, $h_module:ident;)* }) => {
        $(
            #[allow(improper_ctypes_definitions)]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $module() -> Result<&'static i18n::Catalog, leptos::wasm_split::SplitLoaderError> {
                Ok(&crate::domain::i18n::$module)
            }
        )*
        $(
            #[allow(improper_ctypes_definitions)]
            #[leptos::wasm_split::wasm_split($h_module, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $h_module() -> Result<&'static i18n::Catalog, leptos::wasm_split::SplitLoaderError> {
                Ok(&crate::domain::i18n::$h_module)
            }
        )*

        async fn split_catalog(lang: Lang) -> Option<&'static i18n::Catalog> {
            match lang {
                Lang::En => None,
                $(Lang::$variant => $module().await.ok(),)*
                $(Lang::$h_variant => $h_module().await.ok(),)*
            }
        }
    };
}
i18n::each_language!(catalog_loaders);

impl Language {
    /// With the language [`decide`] chose (and its catalog fetched).
    pub fn start() -> Language {
        Language { current: RwSignal::new(Lang::current()) }
    }

    /// The person's choice: remembered on this device and shown as soon as
    /// its catalog is here. An error says the choice couldn't be stored (it
    /// still applies until the app is closed).
    pub fn choose(self, lang: Lang) -> Result<(), String> {
        let remembered = storage::choose_language(lang);
        if lang != self.current.get_untracked() {
            leptos::task::spawn_local(async move {
                fetch_catalog(lang).await;
                let typed = TypedText::take_note();
                show_in(lang);
                self.current.set(lang);
                typed.put_back(FRAMES_TO_WAIT);
            });
        }
        remembered
    }
}

/// How long a redrawn screen may take to appear (a split-off one is already
/// fetched, so it comes within a frame or two).
const FRAMES_TO_WAIT: u32 = 30;

/// Makes `lang` the language in use, in the page around the app too, with
/// the times and numbers of its locale on this phone.
pub fn show_in(lang: Lang) {
    lang.make_current();
    read_conventions(lang).make_current();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    // The update banner of index.html outlives the static shell.
    if let Some(banner) = document().get_element_by_id("update-banner") {
        if let Ok(Some(words)) = banner.query_selector("span") {
            words.set_text_content(Some(tr!("Update available —")));
        }
        if let Ok(Some(button)) = banner.query_selector("button") {
            button.set_text_content(Some(tr!("Reload")));
        }
    }
}

thread_local! {
    /// The locale the reader reads in, as `public/start.js` found it for the language in use.
    static READER_LOCALE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The locale text is read in: the language in use with the phone's region ("es-US").
pub fn reader_locale() -> String {
    READER_LOCALE.with_borrow(|tag| if tag.is_empty() { Lang::current().code().to_string() } else { tag.clone() })
}

/// The reader's locale, clock and number marks, as `Intl` has them, asked
/// through `public/start.js` (without it: the language alone and the defaults).
fn read_conventions(lang: Lang) -> Conventions {
    let answer = js_sys::Reflect::get(&window(), &"steadyConventions".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&wasm_bindgen::JsValue::NULL, &lang.code().into()).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let mut parts = answer.split('|');
    READER_LOCALE.with_borrow_mut(|tag| *tag = parts.next().unwrap_or_default().to_string());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(cycle), Some(ten_thousand), Some(thousand)) => Conventions::from_intl(Some(cycle), None, ten_thousand, thousand),
        _ => Conventions::default(),
    }
}

fn phone_language() -> Lang {
    let languages = window().navigator().languages();
    let tags: Vec<String> = languages.iter().filter_map(|tag| tag.as_string()).collect();
    Lang::from_browser(tags.iter().map(String::as_str))
}

/// The language picker for Settings.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let language = expect_context::<Language>();
    let error = RwSignal::new(None::<String>);
    let choose = move |ev| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            error.set(language.choose(lang).err());
        }
    };
    view! {
        <div class="field">
            <label for="language">{tr!("Language")}</label>
            <select id="language" data-testid="language-picker" on:change=choose>
                {Lang::ALL
                    .iter()
                    .map(|&lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() selected=move || language.current.get() == lang>
                                {lang.own_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {move || error.get().map(|e| view! {
                <p class="error" role="alert">
                    {tr!("This choice couldn't be remembered, so Steady will follow the phone's language next time. ")}
                    {e}
                </p>
            })}
        </div>
    }
}
