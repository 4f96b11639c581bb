// Exact deduplication of postings by (half-year, fingerprint), in memory that
// grows by about 1.25 bytes a posting where a set of every fingerprint took
// about 12 (120 MB at 10M postings).
//
// A Bloom filter says "certainly new" for almost every new posting: it is
// counted at once and its key appended to a scratch file. The others — real
// re-posts and the filter's few false alarms (under 1%) — are deferred: the
// caller keeps them aside (on disk) and Resolve decides each, exactly, by
// reading the keys back one 64th at a time. A deferred posting is a repeat
// when its key was admitted before it or belongs to an earlier deferred
// posting; no certainly-new key can come after a deferred one with the same
// key (the filter's bits for it were already set, and bits are never
// cleared), so the answer is the one a set of every key in input order would
// have given.
//
// The keys go to two scratch files (base/spill_streams.h) in the folder
// given (the output folder), unlinked at once: nothing is left behind,
// whatever happens.
#ifndef JOBSIFT_AGGREGATE_DEDUP_INDEX_H_
#define JOBSIFT_AGGREGATE_DEDUP_INDEX_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/huge_alloc.h"
#include "base/spill_streams.h"
#include "jobsift/status.h"

namespace jobsift {

class DedupIndex {
 public:
  static constexpr size_t kBuckets = 64;

  static constexpr uint64_t kFirstStageKeys = uint64_t{1} << 22;

  // `first_stage_keys`: the filter's first capacity (tests make it small).
  static StatusOr<std::unique_ptr<DedupIndex>> Create(const std::string& scratch_dir,
                                                      uint64_t first_stage_keys = kFirstStageKeys);

  // True: certainly the first posting with this key (recorded). False:
  // perhaps a repeat; it becomes deferred posting number deferred() - 1,
  // decided by Resolve.
  bool Admit(uint32_t half, uint64_t fingerprint);
  // Starts loading what Admit(half, fingerprint) will read: called a few
  // postings ahead, it hides the filter's cache misses.
  void Prefetch(uint32_t half, uint64_t fingerprint) const;
  uint64_t deferred() const { return deferred_; }

  // Whether each deferred posting, in order, repeats an earlier one (1) or
  // not (0). Once; the buckets are read by `threads` threads.
  StatusOr<std::vector<uint8_t>> Resolve(int threads = 1);

  size_t stages() const { return stages_.size(); }

 private:
  // A Bloom filter whose probes for one key share a 64-byte block: one cache
  // miss a lookup. About 10 bits a key at capacity, 7 probes: ~1.5% false
  // alarms when full.
  class Stage {
   public:
    explicit Stage(uint64_t capacity);
    bool MaybeContains(uint64_t h, uint64_t probes) const;
    void Prefetch(uint64_t h) const { __builtin_prefetch(&blocks_[BlockIndex(h)]); }
    void Insert(uint64_t h, uint64_t probes);
    bool full() const { return size_ >= capacity_; }

   private:
    using Block = std::array<uint64_t, 8>;
    size_t BlockIndex(uint64_t h) const;
    uint64_t capacity_;
    uint64_t size_ = 0;
    std::vector<Block, HugeAllocator<Block>> blocks_;  // on huge pages
  };

  DedupIndex() = default;
  // Decides the deferred postings of one bucket into `repeat`.
  Status ResolveBucket(size_t bucket, std::vector<uint8_t>& repeat);

  // Stages of 4M, 8M, 16M … keys: the filter grows with the postings, its
  // false alarms stay rare at any size.
  std::vector<Stage> stages_;
  uint64_t first_stage_keys_ = kFirstStageKeys;
  // Per bucket: the admitted keys (half, fingerprint) and the deferred ones
  // (half, fingerprint, deferred index).
  std::unique_ptr<SpillStreams> admitted_, deferred_keys_;
  uint64_t deferred_ = 0;
  bool resolved_ = false;
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_DEDUP_INDEX_H_
