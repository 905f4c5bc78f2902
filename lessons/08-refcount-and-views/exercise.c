/*
 * Lesson 08, exercise: an outline tree whose names are views of one text.
 *
 * One reference-counted text holds an outline of documentation paths. Every
 * node of the tree is named by a view into that text, not by a copy, and
 * every name holds a reference to the text. The nodes are counted too: a
 * parent owns its children, and each child points back at its parent.
 *
 * main keeps one subtree (tutorial) and lets go of the root: the rest of the
 * tree must be freed, and the kept subtree must live on, detached. Then it
 * cuts the stem out of each kept name (a view of a view) and lets go of the
 * subtree as well: the stems alone keep the text alive, and freeing the last
 * stem frees the text.
 *
 * Three pieces are yours, marked TODO 1 to 3: node_release(), the ownership
 * of a child's pointer to its parent (node_adopt), and span_sub(). Each
 * function's head comment is its contract. Run `make verify LESSON=08` after
 * each one: its first failure points at the next.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTLINE "docs: src/tutorial/memory_allocation.rst src/tutorial/cdef_classes.rst " \
                "src/userguide/memoryviews.rst"
#define KEPT "tutorial"     /* the node main keeps when it lets go of the root */
#define STEM_MAX 4          /* stems main has room for */

/* The text everything is a view of; it frees itself when its last reference goes. */
struct text {
    size_t refs;        /* references held; the release that takes it to 0 frees */
    size_t len;         /* number of bytes in data (no terminating 0) */
    char data[];        /* the bytes, in the same block as the struct */
};

/* A view of len bytes of a text, from start. */
struct span {
    struct text *text;  /* the text seen through the span; the span owns a reference */
    size_t start;       /* index in text->data of the span's first byte */
    size_t len;         /* number of bytes the span covers */
};

/* A node of the outline tree; it frees itself when its last reference goes. */
struct node {
    size_t refs;          /* references held; the release that takes it to 0 frees */
    struct span name;     /* the node's name, a view into the text (owns a reference) */
    struct node *parent;  /* the node above, or NULL (TODO 2: owning or not?) */
    struct node **kids;   /* the nodes below; each entry owns a reference */
    size_t nkids;         /* number of entries in kids */
    size_t cap;           /* room in kids, in entries */
};

/*
 * text_new: a new text holding a copy of the string s (without its 0). It
 * holds one reference, which the caller now owns and must give back with
 * text_release(). Returns NULL, after one line on stderr, if memory runs out.
 */
static struct text *text_new(const char *s)
{
    size_t len = strlen(s);
    struct text *t;

    if (len > SIZE_MAX - sizeof *t) {
        fprintf(stderr, "outline: a text of %zu bytes is too large\n", len);
        return NULL;
    }
    t = malloc(sizeof *t + len);
    if (!t) {
        fprintf(stderr, "outline: out of memory (%zu bytes)\n", sizeof *t + len);
        return NULL;
    }
    t->refs = 1;
    t->len = len;
    memcpy(t->data, s, len);
    return t;
}

/* text_retain: add one reference to t, for a new owner, and return t. */
static struct text *text_retain(struct text *t)
{
    t->refs++;
    return t;
}

/* text_refs: how many references to t are held. t must still be alive. */
static size_t text_refs(const struct text *t)
{
    return t->refs;
}

/*
 * text_release: give back one reference to t; the last one frees it. The
 * caller must not use its pointer afterwards. text_release(NULL) does nothing.
 */
static void text_release(struct text *t)
{
    if (!t)
        return;
    t->refs--;
    if (t->refs == 0)
        free(t);
}

/*
 * span_sub: a view of len bytes of parent, from start, where start counts
 * from the first byte of parent, not of the text: a view of a view. The
 * piece must lie inside parent, and that test must not wrap around for any
 * start and len. The new span takes a reference of its own to the text, so
 * it stays valid after parent is gone; parent is only read. The caller owns
 * the new span and must give it to span_free(). Returns NULL, after one line
 * on stderr, if the piece does not fit in parent or memory runs out; nothing
 * is then allocated and the text's count is as it was.
 */
static struct span *span_sub(const struct span *parent, size_t start, size_t len)
{
    /*
     * TODO 3: write this body from the contract above. Whatever the caller
     * passes, a span that is returned sees only bytes of parent, and one that
     * is refused or fails costs nothing: no block and no reference.
     */
    (void)parent;
    (void)start;
    (void)len;
    fprintf(stderr, "outline: span_sub() is not written yet\n");
    return NULL;
}

/*
 * span_free: give back s's reference to its text (which is freed if that was
 * the last one) and free s. span_free(NULL) does nothing.
 */
static void span_free(struct span *s)
{
    if (!s)
        return;
    text_release(s->text);
    free(s);
}

/* span_print: print the bytes s sees. Borrows s. */
static void span_print(const struct span *s)
{
    fwrite(s->text->data + s->start, 1, s->len, stdout);
}

/* span_is: true when s sees exactly the n bytes at bytes. */
static bool span_is(const struct span *s, const char *bytes, size_t n)
{
    return s->len == n && memcmp(s->text->data + s->start, bytes, n) == 0;
}

/* span_stem_len: the length of s up to its last '.', or all of s if it has none. */
static size_t span_stem_len(const struct span *s)
{
    for (size_t i = s->len; i-- > 0;)
        if (s->text->data[s->start + i] == '.')
            return i;
    return s->len;
}

/*
 * node_new: a new node with no parent and no children, named by the len
 * bytes of t from start (they must lie inside t); the name takes a reference
 * to t. The node holds one reference, which the caller now owns. Returns
 * NULL, after one line on stderr, if memory runs out; t's count is then as it
 * was.
 */
static struct node *node_new(struct text *t, size_t start, size_t len)
{
    struct node *n;

    n = malloc(sizeof *n);
    if (!n) {
        fprintf(stderr, "outline: out of memory (%zu bytes)\n", sizeof *n);
        return NULL;
    }
    n->refs = 1;
    n->name.text = text_retain(t);
    n->name.start = start;
    n->name.len = len;
    n->parent = NULL;
    n->kids = NULL;
    n->nkids = 0;
    n->cap = 0;
    return n;
}

/* node_retain: add one reference to n, for a new owner, and return n. */
static struct node *node_retain(struct node *n)
{
    n->refs++;
    return n;
}

/*
 * node_release: give back one reference to n. The caller must not use its
 * pointer to n afterwards. When it was the last reference, n is freed with
 * everything it owns: its reference to each child (a child that someone else
 * still holds lives on, detached: its parent pointer is set to NULL first, so
 * that it never points at a freed node), its array of children, its name's
 * reference to the text, and n itself. node_release(NULL) does nothing.
 */
static void node_release(struct node *n)
{
    /*
     * TODO 1: keep every promise of the comment above. As shipped it frees n
     * at once, whoever else still holds it, and leaves behind all n owns.
     */
    free(n);
}

/*
 * node_adopt: make child the last child of parent, which must not be child
 * itself or below it. parent takes over the caller's reference to child:
 * after a success the caller must not release it, and the release of
 * parent's last reference lets go of child too. child->parent is set to
 * parent. Returns 0, or -1 after one line on stderr if memory runs out;
 * parent and child are then as they were, and the caller still owns its
 * reference to child.
 */
static int node_adopt(struct node *parent, struct node *child)
{
    if (parent->nkids == parent->cap) {
        struct node **tmp;
        size_t cap;

        if (parent->cap > SIZE_MAX / 2 / sizeof *tmp) {
            fprintf(stderr, "outline: too many children\n");
            return -1;
        }
        cap = parent->cap ? 2 * parent->cap : 2;
        tmp = realloc(parent->kids, cap * sizeof *tmp);
        if (!tmp) {
            fprintf(stderr, "outline: out of memory (%zu bytes)\n", cap * sizeof *tmp);
            return -1;
        }
        parent->kids = tmp;
        parent->cap = cap;
    }
    parent->kids[parent->nkids++] = child;
    /*
     * TODO 2: releasing the root must free every node that no one else holds.
     * As written, a parent and its child hold each other: decide which of the
     * two pointers owns, and make the other one own nothing, as
     * node_release()'s contract expects.
     */
    child->parent = node_retain(parent);
    return 0;
}

/* node_child: the child of n named by the n_bytes at bytes, or NULL. Borrowed. */
static struct node *node_child(const struct node *n, const char *bytes, size_t n_bytes)
{
    for (size_t i = 0; i < n->nkids; i++)
        if (span_is(&n->kids[i]->name, bytes, n_bytes))
            return n->kids[i];
    return NULL;
}

/* node_find: the first node named name in n's tree, depth first, or NULL. Borrowed. */
static struct node *node_find(struct node *n, const char *name)
{
    struct node *found;

    if (span_is(&n->name, name, strlen(name)))
        return n;
    for (size_t i = 0; i < n->nkids; i++) {
        found = node_find(n->kids[i], name);
        if (found)
            return found;
    }
    return NULL;
}

/* node_count: the number of nodes in n's tree, n included. */
static size_t node_count(const struct node *n)
{
    size_t count = 1;

    for (size_t i = 0; i < n->nkids; i++)
        count += node_count(n->kids[i]);
    return count;
}

/* node_path_print: print n's path, from the top of its tree down to n. Borrows n. */
static void node_path_print(const struct node *n)
{
    if (n->parent) {
        node_path_print(n->parent);
        putchar('/');
    }
    span_print(&n->name);
}

/* tree_print: print n's tree, one name a line, indented by depth. Borrows n. */
static void tree_print(const struct node *n, int depth)
{
    printf("%*s", 2 * depth, "");
    span_print(&n->name);
    putchar('\n');
    for (size_t i = 0; i < n->nkids; i++)
        tree_print(n->kids[i], depth + 1);
}

/*
 * tree_add_path: add below root the nodes of the path in the len bytes of t
 * from start (inside t), one per component between '/', reusing the nodes
 * that exist. Returns 0, or -1 after one line on stderr if memory runs out;
 * the nodes added until then stay in the tree.
 */
static int tree_add_path(struct node *root, struct text *t, size_t start, size_t len)
{
    struct node *at = root;
    size_t end = start + len;

    for (size_t i = start; i < end; i++) {
        size_t j = i;
        struct node *kid;

        while (j < end && t->data[j] != '/')
            j++;
        kid = node_child(at, t->data + i, j - i);
        if (!kid) {
            kid = node_new(t, i, j - i);
            if (!kid)
                return -1;
            if (node_adopt(at, kid) != 0) {
                node_release(kid);
                return -1;
            }
        }
        at = kid;
        i = j;
    }
    return 0;
}

/*
 * tree_build: the outline tree of t: a root named by the bytes before the
 * first ':', and below it the components of the space-separated paths after
 * it. Every name is a view into t. Returns the root, whose one reference the
 * caller owns, or NULL after one line on stderr if memory runs out; nothing
 * is then left allocated and t's count is as it was.
 */
static struct node *tree_build(struct text *t)
{
    struct node *root;
    size_t colon = 0;

    while (colon < t->len && t->data[colon] != ':')
        colon++;
    root = node_new(t, 0, colon);
    if (!root)
        return NULL;
    for (size_t i = colon + 1; i < t->len; i++) {
        size_t end = i;

        while (end < t->len && t->data[end] != ' ')
            end++;
        if (end > i && tree_add_path(root, t, i, end - i) != 0) {
            node_release(root);
            return NULL;
        }
        i = end;
    }
    return root;
}

int main(int argc, char **argv)
{
    struct span *stems[STEM_MAX] = { NULL };
    struct text *text;
    struct node *root = NULL;
    struct node *kept = NULL;
    size_t nstems = 0;
    int status = 1;

    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: outline (it takes no arguments)\n");
        return 2;
    }
    text = text_new(OUTLINE);
    if (!text)
        return 1;
    printf("text of %zu bytes: refs %zu\n", text->len, text_refs(text));
    root = tree_build(text);
    if (!root)
        goto out_release_text;
    printf("tree of %zu nodes: text refs %zu\n", node_count(root), text_refs(text));
    text_release(text);         /* the producer is done: the names keep the text */
    text = NULL;
    printf("producer released the text: text refs %zu\n", text_refs(root->name.text));
    tree_print(root, 0);

    kept = node_find(root, KEPT);
    if (!kept) {
        fprintf(stderr, "outline: no node is named %s\n", KEPT);
        goto out_release_root;
    }
    node_retain(kept);
    printf("kept ");
    node_path_print(kept);
    printf(": refs %zu\n", kept->refs);
    node_release(root);         /* the rest of the tree goes; kept lives on */
    root = NULL;
    printf("root released: %s refs %zu, path ", KEPT, kept->refs);
    node_path_print(kept);
    printf(", text refs %zu\n", text_refs(kept->name.text));

    for (size_t i = 0; i < kept->nkids && nstems < STEM_MAX; i++) {
        const struct span *name = &kept->kids[i]->name;

        stems[nstems] = span_sub(name, 0, span_stem_len(name));
        if (!stems[nstems])
            goto out_free_stems;
        printf("stem of ");
        span_print(name);
        printf(": ");
        span_print(stems[nstems]);
        printf(", text refs %zu\n", text_refs(stems[nstems]->text));
        nstems++;
    }
    node_release(kept);         /* the last node goes; the stems keep the text */
    kept = NULL;
    printf("%s released: the stems alone hold the text\n", KEPT);
    printf("stems:");
    for (size_t i = 0; i < nstems; i++) {
        putchar(' ');
        span_print(stems[i]);
    }
    printf(", text refs %zu\n", nstems > 0 ? text_refs(stems[0]->text) : 0);
    status = 0;

out_free_stems:
    for (size_t i = nstems; i-- > 0;)
        span_free(stems[i]);
    node_release(kept);
out_release_root:
    node_release(root);
out_release_text:
    text_release(text);
    return status;
}
