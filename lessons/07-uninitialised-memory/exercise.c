/*
 * 07 · Uninitialised memory: exercise.
 *
 * Who waits longest for a six? Four players play 40 rounds; in each round
 * every player throws a seeded die until it shows six, and the one who
 * needed the fewest throws wins the round (the first of them, on a tie).
 * The program tallies every wait, prints the tally and each player's
 * totals, and saves the totals to a file (sixes.dat, or the file named on
 * the command line) in a fixed layout of 9 bytes per player.
 *
 * As shipped, three kinds of memory reach the program's decisions, its
 * output or its file with bytes nobody wrote. Run `make verify LESSON=07`:
 * each diagnosis names where such bytes were used and where they came
 * from. Do TODO 1, 2 and 3, in that order, and verify after each.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAYERS 4           /* players at the table (at most 255) */
#define ROUNDS 40           /* rounds they play */
#define SEED 20240607u      /* the generator's first state; never 0 */
#define TALLY_START_LEN 8   /* counters in a new tally; it grows on demand */
#define RECORD_SIZE 9       /* bytes per player in the saved file */

/* A xorshift32 generator: the same seed gives the same throws everywhere. */
struct rng {
    uint32_t state; /* never 0, or every draw would be 0 */
};

/* One player's totals, over the rounds played so far. */
struct player {
    unsigned long throws; /* every throw made */
    unsigned wins;        /* rounds won */
    unsigned longest;     /* the longest wait for a six, in throws */
};

/* A player's totals as the shipped record_write() stores them. */
struct player_record {
    uint8_t number;   /* the player's number, from 1 */
    uint32_t throws;  /* struct player's throws */
    uint16_t wins;    /* struct player's wins */
    uint16_t longest; /* struct player's longest */
};

/* A tally of waits: how many times each number of throws came up. */
struct tally {
    size_t *counts;  /* counts[w]: waits of w throws; every counter defined */
    size_t len;      /* number of counters in counts */
    size_t distinct; /* how many counters are not zero */
};

/* Returns the generator's next 32 bits. */
static uint32_t rng_next(struct rng *r)
{
    uint32_t x = r->state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->state = x;
    return x;
}

/*
 * Returns a fair throw of a die, 1 to 6. The few draws at the very top of
 * the range, which would favour low faces, are thrown away.
 */
static unsigned rng_die(struct rng *r)
{
    const uint32_t limit = UINT32_MAX - UINT32_MAX % 6;
    uint32_t x;

    do {
        x = rng_next(r);
    } while (x >= limit);
    return 1 + x % 6;
}

/* Throws the die until it shows six; returns how many throws that took. */
static unsigned wait_for_six(struct rng *r)
{
    unsigned throws = 1;

    while (rng_die(r) != 6)
        throws++;
    return throws;
}

/*
 * Creates the table of n players (n > 0) with every total of every player
 * zero, as player_add() expects. Returns it (the caller frees it with
 * free), or NULL after one line on stderr.
 *
 * TODO 1: the totals are read before anything writes them. Make the table
 *         keep the promise above, with the tool that fits a block that must
 *         start at zero.
 */
static struct player *players_new(size_t n)
{
    struct player *players;

    if (n > SIZE_MAX / sizeof *players) {
        fprintf(stderr, "sixes: too many players\n");
        return NULL;
    }
    players = malloc(n * sizeof *players);
    if (!players)
        fprintf(stderr, "sixes: out of memory (%zu players)\n", n);
    return players;
}

/* Adds one round's wait of w throws to a player's totals. */
static void player_add(struct player *pl, unsigned w)
{
    pl->throws += w;
    if (w > pl->longest)
        pl->longest = w;
}

/*
 * Resizes a block of old_len counters to new_len counters (new_len > 0),
 * as OpenBSD's recallocarray() does: the first min(old_len, new_len)
 * counters keep their values, and every counter after the old ones is
 * zero. counts may be NULL with old_len 0, for a new block all zero.
 * Returns the new block; counts must not be used again. Returns NULL, with
 * counts untouched and still the caller's, when new_len counters would not
 * fit in a size_t or memory runs out. Prints nothing.
 *
 * TODO 2: the body below is a stand-in that keeps only some of these
 *         promises. Write it so that it keeps all of them, on every path.
 */
static size_t *counts_resize(size_t *counts, size_t old_len, size_t new_len)
{
    (void)old_len;
    return realloc(counts, new_len * sizeof *counts);
}

/*
 * Creates a tally of len counters (len > 0), all zero. Returns it (the
 * caller frees it with tally_free), or NULL after one line on stderr.
 */
static struct tally *tally_new(size_t len)
{
    struct tally *t = malloc(sizeof *t);

    if (!t)
        goto out_nomem;
    t->counts = counts_resize(NULL, 0, len);
    if (!t->counts)
        goto out_free_tally;
    t->len = len;
    t->distinct = 0;
    return t;

out_free_tally:
    free(t);
out_nomem:
    fprintf(stderr, "sixes: out of memory (%zu counters)\n", len);
    return NULL;
}

/* Frees a tally and its counters. NULL does nothing. */
static void tally_free(struct tally *t)
{
    if (!t)
        return;
    free(t->counts);
    free(t);
}

/*
 * Counts one wait of w throws. When counter w does not exist yet, doubles
 * the number of counters until it does. Returns 0, or -1 after one line on
 * stderr with t unchanged.
 */
static int tally_add(struct tally *t, size_t w)
{
    size_t new_len = t->len;
    size_t *tmp;

    while (new_len <= w) {
        if (new_len > SIZE_MAX / 2)
            goto out_cannot_grow;
        new_len *= 2;
    }
    if (new_len > t->len) {
        tmp = counts_resize(t->counts, t->len, new_len);
        if (!tmp)
            goto out_cannot_grow;
        t->counts = tmp;
        t->len = new_len;
    }
    if (t->counts[w]++ == 0)
        t->distinct++;
    return 0;

out_cannot_grow:
    fprintf(stderr, "sixes: cannot grow the tally to %zu counters\n", new_len);
    return -1;
}

/*
 * Plays one round: each of the n players waits for a six, every wait is
 * tallied, and the first player with the fewest throws wins. 0 or -1.
 */
static int play_round(struct player *players, size_t n, struct tally *t,
    struct rng *r)
{
    size_t winner = 0;
    unsigned fewest = UINT_MAX;

    for (size_t i = 0; i < n; i++) {
        unsigned w = wait_for_six(r);

        player_add(&players[i], w);
        if (tally_add(t, w) != 0)
            return -1;
        if (w < fewest) {
            fewest = w;
            winner = i;
        }
    }
    players[winner].wins++;
    return 0;
}

/* Prints a line per wait that occurred, then how many different waits. */
static void tally_print(const struct tally *t)
{
    printf("throws  times\n");
    for (size_t w = 0; w < t->len; w++) {
        if (t->counts[w] != 0)
            printf("%6zu  %5zu\n", w, t->counts[w]);
    }
    printf("%zu different waits\n", t->distinct);
}

/* Prints one line of totals per player, numbered from 1. */
static void players_print(const struct player *players, size_t n)
{
    printf("player  throws  wins  longest\n");
    for (size_t i = 0; i < n; i++)
        printf("%6zu  %6lu  %4u  %7u\n", i + 1, players[i].throws,
            players[i].wins, players[i].longest);
}

/*
 * Appends the record of player number `number` (1 to 255) to f, in the
 * layout of the saved file: RECORD_SIZE bytes, with nothing before,
 * between or after the fields, whatever the compiler does with a struct:
 *   byte 0        number
 *   bytes 1 to 4  throws (below 2^32), least significant byte first
 *   bytes 5 and 6 wins (below 2^16), least significant byte first
 *   bytes 7 and 8 longest (below 2^16), least significant byte first
 * Returns 0, or -1 when f did not take the whole record.
 *
 * TODO 3: the body writes the bytes of a struct, which are not this layout
 *         and not all defined. Make it write exactly the layout above.
 */
static int record_write(FILE *f, const struct player *pl, unsigned number)
{
    struct player_record rec;

    rec.number = (uint8_t)number;
    rec.throws = (uint32_t)pl->throws;
    rec.wins = (uint16_t)pl->wins;
    rec.longest = (uint16_t)pl->longest;
    return fwrite(&rec, sizeof rec, 1, f) == 1 ? 0 : -1;
}

/*
 * Saves the n players (n <= 255) to the file at path, one record each in
 * the order of the table, and closes it. Returns the file's size in bytes,
 * or -1 after one line on stderr (the file then closed, its content
 * unknown).
 */
static long players_save(const struct player *players, size_t n,
    const char *path)
{
    FILE *f = fopen(path, "wb");
    long size;

    if (!f)
        goto out_cannot_write;
    for (size_t i = 0; i < n; i++) {
        if (record_write(f, &players[i], (unsigned)(i + 1)) != 0)
            goto out_close;
    }
    size = ftell(f);
    if (fclose(f) != 0 || size < 0)
        goto out_cannot_write;
    return size;

out_close:
    fclose(f);
out_cannot_write:
    fprintf(stderr, "sixes: cannot write %s\n", path);
    return -1;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "sixes.dat";
    struct rng rng = { SEED };
    struct player *players;
    struct tally *tally;
    long size;
    int status = 1;

    if (argc > 2) {
        fprintf(stderr, "usage: sixes [FILE]\n");
        return 2;
    }
    players = players_new(PLAYERS);
    if (!players)
        goto out;
    tally = tally_new(TALLY_START_LEN);
    if (!tally)
        goto out_free_players;
    for (int i = 0; i < ROUNDS; i++) {
        if (play_round(players, PLAYERS, tally, &rng) != 0)
            goto out_free_tally;
    }
    tally_print(tally);
    players_print(players, PLAYERS);
    size = players_save(players, PLAYERS, path);
    if (size < 0)
        goto out_free_tally;
    printf("saved %d players to %s (%ld bytes)\n", PLAYERS, path, size);
    status = 0;

out_free_tally:
    tally_free(tally);
out_free_players:
    free(players);
out:
    return status;
}
