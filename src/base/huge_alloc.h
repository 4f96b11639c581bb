// An allocator for the large tables that are probed at random (the cube's
// cells, the duplicate filter): blocks of 2 MB and more are mapped on their
// own and marked for transparent huge pages, so a probe misses the TLB far
// less often (perf: the cube's updates took half the samples). Smaller
// blocks come from operator new. Linux; where the kernel gives no huge
// pages the mapping is simply made of small ones.
#ifndef JOBSIFT_BASE_HUGE_ALLOC_H_
#define JOBSIFT_BASE_HUGE_ALLOC_H_

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace jobsift {

template <class T>
struct HugeAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;

  HugeAllocator() = default;
  template <class U>
  HugeAllocator(const HugeAllocator<U>&) {}

  T* allocate(size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes));
    void* p = mmap(nullptr, Rounded(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, Rounded(bytes), MADV_HUGEPAGE);  // advice: failure changes nothing
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return ::operator delete(p);
    munmap(p, Rounded(bytes));
  }
  template <class U>
  bool operator==(const HugeAllocator<U>&) const {
    return true;
  }

 private:
  static size_t Rounded(size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_HUGE_ALLOC_H_
