// Search.
// French is the reference; the English catalogue must have exactly its keys (it does not compile
// otherwise).

export const fr = {
  "search.title": "Recherche",
  "search.titleWithQuery": "Recherche : « {q} »",
  "search.formTitle": "Rechercher dans Open d'État",
  "search.query": "Mots recherchés",
  "search.queryHint": "Les accents et les majuscules sont ignorés.",
  "search.queryRequired": "Saisissez au moins un mot.",
  "search.type": "Type de résultat",
  "search.filter.all": "Tous les types",
  "search.filter.commitment": "Engagements",
  "search.filter.milestone": "Jalons",
  "search.filter.forum": "Forums",
  "search.filter.comment": "Commentaires",
  "search.kind.comment": "Commentaire",
  "search.submit": "Rechercher",
  "search.searching": "Recherche en cours…",
  "search.noResults": "Aucun résultat pour « {q} ».",
  "search.oneResult": "1 résultat",
  "search.results": "{count} résultats",
  "search.firstResults": "{count} premiers résultats",
  "search.resultsHeading": "Résultats",
  "search.loadMore": "Afficher plus de résultats",
  "search.tipsTitle": "Conseils de recherche",
  "search.tipWords": "Les mots sont cherchés sous toutes leurs formes : « algorithme » trouve aussi « algorithmes ».",
  "search.tipPhrase": 'Mettez une expression entre guillemets pour la chercher telle quelle : "données ouvertes".',
  "search.tipOr": "Séparez deux mots par « or » pour trouver l'un ou l'autre : forum or atelier.",
  "search.tipExclude": "Placez un tiret devant un mot pour l'exclure : données -personnelles.",
  "search.forumOn": "Forum du {date}",
  "search.updatedOn": "Mis à jour le {date}",
} as const;
