// Files built into the binary: JOBSIFT_EMBED(name, "path") assembles the
// file at `path` into .rodata between the symbols name_begin and name_end
// (.incbin), which keeps a 1 MB script out of the compiler's hands. The
// path comes from CMake, which also makes the source depend on the file.
// EmbeddedBytes(name) is the file as a view of static storage.
#ifndef JOBSIFT_BASE_EMBED_H_
#define JOBSIFT_BASE_EMBED_H_

#include <cstddef>
#include <string_view>

#define JOBSIFT_EMBED(name, path)                                                      \
  __asm__(".section .rodata\n.balign 16\n.global " #name "_begin\n.hidden " #name     \
          "_begin\n" #name "_begin:\n.incbin \"" path "\"\n.global " #name             \
          "_end\n.hidden " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");        \
  extern "C" const char name##_begin[];                                                \
  extern "C" const char name##_end[];

#define JOBSIFT_EMBEDDED(name) \
  std::string_view(name##_begin, static_cast<size_t>(name##_end - name##_begin))

#endif  // JOBSIFT_BASE_EMBED_H_
