/* SPDX-License-Identifier: Apache-2.0 */
/*
 * i386_sleeper: a 32-bit x86 process with no libc (the build machines have no 32-bit libc), used
 * to check that zeekspy refuses a target of the wrong architecture with a clear error.
 * Build: gcc -m32 -nostdlib -static -O1 -o i386_sleeper i386_sleeper.c
 */
struct timespec32 {
  long tv_sec;
  long tv_nsec;
};

void _start(void) {
  struct timespec32 t = {1, 0};
  for (;;) {
    /* i386 nanosleep is system call 162; there is no libc wrapper to call. */
    __asm__ volatile("int $0x80" : : "a"(162), "b"(&t), "c"(0) : "memory");
  }
}
