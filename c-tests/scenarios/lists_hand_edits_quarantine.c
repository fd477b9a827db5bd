/* The public lists edited by hand with osip_list_* (lists_hand_edits.h),
 * with an application allocator installed through osip_set_allocators that
 * quarantines freed blocks: their contents stay as they were (as with
 * pooling or debugging allocators), so a list node used after its free
 * still looks valid, and only the lists' own consistency (nb_elt against
 * the chain) shows the damage. Under valgrind the quarantined blocks are
 * made inaccessible, so any read or write of one is reported.
 * valgrind: nothing in use at exit */
#include <valgrind/memcheck.h>

#include "lists_hand_edits.h"

/* Blocks carry their size in front, for realloc and the access marks. */
struct block {
  size_t size;
  size_t pad;
};

#define QUARANTINE 4096
static struct block *quarantine[QUARANTINE];
static int next_slot = 0;

static void release(struct block *b) {
  if (b == NULL)
    return;
  VALGRIND_MAKE_MEM_UNDEFINED(b + 1, b->size);
  free(b);
}

static void *q_malloc(size_t size) {
  struct block *b = malloc(sizeof(struct block) + size);

  if (b == NULL)
    return NULL;
  b->size = size;
  return b + 1;
}

static void q_free(void *p) {
  struct block *b;

  if (p == NULL)
    return;
  b = (struct block *) p - 1;
  release(quarantine[next_slot]);
  quarantine[next_slot] = b;
  next_slot = (next_slot + 1) % QUARANTINE;
  VALGRIND_MAKE_MEM_NOACCESS(p, b->size);
}

static void *q_realloc(void *p, size_t size) {
  void *q;
  size_t old;

  if (p == NULL)
    return q_malloc(size);
  old = ((struct block *) p - 1)->size;
  q = q_malloc(size);
  if (q != NULL) {
    memcpy(q, p, old < size ? old : size);
    q_free(p);
  }
  return q;
}

int main(void) {
  int rc, i;

  osip_set_allocators(q_malloc, q_realloc, q_free);
  rc = run();
  for (i = 0; i < QUARANTINE; i++)
    release(quarantine[i]);
  return rc;
}
