//! The page shell every page shares: `lang="fr"`, title, skip link, header and navigation, main,
//! footer with the accessibility statement; and HTML escaping.

use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Which navigation a page shows: the residents' site or the clerks' desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Home, call, write.
    Public,
    /// The desk's pages (signed in), with the CSRF token for the log-out form.
    Desk,
    /// The desk's log-in page (no menu).
    DeskLogin,
}

/// What a page puts in the shell.
#[derive(Debug)]
pub struct Page<'a> {
    /// The town's name (header and title).
    pub town: &'a str,
    /// The page's own title (first in `<title>`, also its `<h1>` is up to the page).
    pub title: &'a str,
    /// The path of the page, to mark the current link.
    pub path: &'a str,
    /// Which navigation.
    pub nav: Nav,
    /// The CSRF token of the desk session (log-out form), when signed in.
    pub csrf: Option<&'a str>,
    /// Scripts to load (same origin, deferred); the pages work without them.
    pub scripts: &'a [&'a str],
}

const PUBLIC_LINKS: [(&str, &str); 3] = [("/", "Accueil"), ("/appeler", "Appeler la mairie"), ("/ecrire", "Écrire une question")];
const DESK_LINKS: [(&str, &str); 4] =
    [("/admin/messages", "Messages"), ("/admin/appels", "Appels"), ("/admin/questions", "Questions sans réponse"), ("/admin/commune", "Fichier de la commune")];

fn nav_list(out: &mut String, label: &str, links: &[(&str, &str)], current: &str) {
    let _ = write!(out, "<nav aria-label=\"{}\"><ul class=\"menu\">", esc(label));
    for (href, text) in links {
        let here = if *href == current { " aria-current=\"page\"" } else { "" };
        let _ = write!(out, "<li><a href=\"{href}\"{here}>{}</a></li>", esc(text));
    }
    out.push_str("</ul></nav>");
}

/// The whole HTML document around `main` (already escaped HTML).
pub fn render(page: &Page<'_>, main: &str) -> String {
    let mut out = String::with_capacity(main.len() + 2048);
    let site = match page.nav {
        Nav::Public => format!("Mairie de {}", page.town),
        Nav::Desk | Nav::DeskLogin => format!("Mairie de {} — bureau des agents", page.town),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n",
        esc(page.title),
        esc(&site)
    );
    for s in page.scripts {
        let _ = writeln!(out, "<script src=\"{}\" defer></script>", esc(s));
    }
    let home = if page.nav == Nav::Public { "/" } else { "/admin" };
    let _ = write!(
        out,
        "</head>\n<body>\n<a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>\n<header class=\"entete\"><p class=\"site\"><a href=\"{home}\">{}</a></p>",
        esc(&site)
    );
    match page.nav {
        Nav::Public => nav_list(&mut out, "Menu principal", &PUBLIC_LINKS, page.path),
        Nav::Desk => {
            nav_list(&mut out, "Menu du bureau", &DESK_LINKS, page.path);
            if let Some(csrf) = page.csrf {
                let _ = write!(
                    out,
                    "<form class=\"sortie\" method=\"post\" action=\"/admin/deconnexion\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                     <button type=\"submit\">Se déconnecter</button></form>",
                    esc(csrf)
                );
            }
        }
        Nav::DeskLogin => {}
    }
    let _ = write!(
        out,
        "</header>\n<main id=\"contenu\" tabindex=\"-1\">\n{main}\n</main>\n<footer class=\"pied\"><ul class=\"menu\">\
         <li><a href=\"/accessibilite\">Accessibilité : partiellement conforme</a></li><li><a href=\"/\">Site de la mairie de {}</a></li></ul></footer>\n</body>\n</html>\n",
        esc(page.town)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc(r#"<a href="x">l'été & co</a>"#), "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
    }

    #[test]
    fn the_shell_has_language_title_skip_link_and_statement() {
        let page = Page { town: "Saint-<Test>", title: "Écrire", path: "/ecrire", nav: Nav::Public, csrf: None, scripts: &["/static/ecrire.js"] };
        let html = render(&page, "<h1>Écrire</h1>");
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains("<title>Écrire — Mairie de Saint-&lt;Test&gt;</title>"));
        assert!(html.contains("href=\"#contenu\""));
        assert!(html.contains("<main id=\"contenu\""));
        assert!(html.contains("<a href=\"/ecrire\" aria-current=\"page\">"));
        assert!(html.contains("href=\"/accessibilite\""));
        assert!(!html.contains("Saint-<Test>"));
    }
}
