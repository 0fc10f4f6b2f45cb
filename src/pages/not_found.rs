use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" data-testid="not-found">
            <h1>{tr!("There's nothing here", "Aquí no hay nada")}</h1>
            <p>{tr!("This page doesn't exist — maybe the link was mistyped or is from an older version.", "Esta página no existe: quizá el enlace tenía un error o es de una versión anterior.")}</p>
            <a class="button big" href="/">{tr!("Go to Today", "Ir a Hoy")}</a>
            <p class="hint">{tr!("Need someone now? ", "¿Necesitas a alguien ahora? ")} <a href="/help">{tr!("Helplines", "Líneas de ayuda")}</a></p>
        </section>
    }
}
