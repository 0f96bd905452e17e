// French messages of the feed links (components/FeedLink.tsx), which come with the pages that
// show one rather than with the home page.
export const fr = {
  "feed.comments": "Suivre ces commentaires (flux Atom)",
  "feed.progress": "Suivre l'avancement de cet engagement (flux Atom)",
  "feed.answers": "Suivre les réponses de cette institution (flux Atom)",
  "feed.forums": "Suivre les forums annoncés (flux Atom)",
};
