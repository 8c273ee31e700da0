#include "CGraphvizShim.h"

// Building a graph through cgraph's API gives the same graph as cgraph's parser reading the
// DOT text DOTWriter writes for it only when the same calls are made in the same order: which
// strings are interned when decides which are HTML-like (cgraph shares one interned string
// between plain and HTML-like text), and the order of declarations decides attribute IDs.
// Each function here is one step of lib/cgraph/grammar.y (Graphviz 2.42/2.43), named there.

char *sh_intern(Agraph_t *g, const char *s, int html) {
    return html ? agstrdup_html(g, (char *)s) : agstrdup(g, (char *)s);
}

void sh_release(Agraph_t *g, size_t count, char *const *strings) {
    for (size_t k = 0; k < count; k++) agstrfree(g, strings[k]);
}

void sh_bind(Agraph_t *g, int kind, size_t count, char *const *names, Agsym_t **symbols) {
    for (size_t k = 0; k < count; k++) {
        Agsym_t *symbol = agattr(g, kind, names[k], NULL);
        if (symbol == NULL) symbol = agattr(g, kind, names[k], "");
        symbols[k] = symbol;
        agstrfree(agroot(g), names[k]);
    }
}

void sh_apply(void *object, size_t count, Agsym_t *const *symbols, char *const *values) {
    for (size_t k = 0; k < count; k++) {
        if (symbols[k]) agxset(object, symbols[k], values[k]);
    }
}

void sh_graph_attributes(Agraph_t *g, size_t count, Agsym_t *const *symbols, char *const *values) {
    Agraph_t *root = agroot(g);
    for (size_t k = 0; k < count; k++) {
        Agsym_t *symbol = symbols[k];
        if (!symbol->fixed || g != root) symbol = agattr(g, AGRAPH, symbol->name, values[k]);
        if (g == root) symbol->print = 1;
    }
}

Agnode_t *sh_agnode(Agraph_t *g, const char *name) {
    return agnode(g, (char *)name, 1);
}

Agraph_t *sh_agsubg(Agraph_t *g, const char *name) {
    return agsubg(g, (char *)name, 1);
}

Agedge_t *sh_agedge(Agraph_t *g, Agnode_t *tail, Agnode_t *head, char *key) {
    return agedge(g, tail, head, key, 1);
}
