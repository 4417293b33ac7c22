#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Tab must not list the user's files. C globals are set here because Swift 6 rejects writing them.
static inline void creadline_disable_completion(void) {
  rl_inhibit_completion = 1;
}
