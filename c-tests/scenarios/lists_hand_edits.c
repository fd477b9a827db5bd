/* The public lists edited by hand with osip_list_*, with the process's
 * allocator: see lists_hand_edits.h.
 * valgrind: nothing in use at exit */
#include "lists_hand_edits.h"

int main(void) {
  return run();
}
