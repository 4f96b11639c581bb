#include "aggregate/dedup_index.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "aggregate/fingerprint_set.h"
#include "base/hash.h"
#include "base/parallel.h"

namespace jobsift {
namespace {

constexpr uint64_t kBitsPerKey = 10;
constexpr int kProbes = 7;

// The key's hash for the filter and the bucket: the half-year salts the
// fingerprint (already a good 64-bit hash).
uint64_t KeyHash(uint32_t half, uint64_t fp) { return Mix64(fp ^ (0x9E3779B97F4A7C15ull * (half + 1))); }

size_t BucketOf(uint64_t h) { return static_cast<size_t>(h >> 58); }

// Keys on disk: half (4 bytes) and fingerprint (8), then for deferred keys
// their index (8), in native byte order (the files never leave the run).
constexpr size_t kAdmittedBytes = 12;
constexpr size_t kDeferredBytes = 20;

}  // namespace

DedupIndex::Stage::Stage(uint64_t capacity)
    : capacity_(capacity), blocks_((capacity * kBitsPerKey + 511) / 512, Block{}) {}

size_t DedupIndex::Stage::BlockIndex(uint64_t h) const {
  // Low 32 bits onto the blocks by multiply-shift; the probes use Mix64(h).
  return static_cast<size_t>(((h & 0xFFFFFFFFull) * blocks_.size()) >> 32);
}

// `probes`: Mix64(h), seven 9-bit bit positions within the block.
bool DedupIndex::Stage::MaybeContains(uint64_t h, uint64_t probes) const {
  const Block& b = blocks_[BlockIndex(h)];
  uint64_t bits = probes;
  for (int i = 0; i < kProbes; ++i, bits >>= 9)
    if ((b[(bits >> 6) & 7] & (uint64_t{1} << (bits & 63))) == 0) return false;
  return true;
}

void DedupIndex::Stage::Insert(uint64_t h, uint64_t probes) {
  Block& b = blocks_[BlockIndex(h)];
  uint64_t bits = probes;
  for (int i = 0; i < kProbes; ++i, bits >>= 9) b[(bits >> 6) & 7] |= uint64_t{1} << (bits & 63);
  ++size_;
}

StatusOr<std::unique_ptr<DedupIndex>> DedupIndex::Create(const std::string& scratch_dir, uint64_t first_stage_keys) {
  std::unique_ptr<DedupIndex> d(new DedupIndex());
  d->first_stage_keys_ = std::max<uint64_t>(first_stage_keys, 64);
  auto admitted = SpillStreams::Create("duplicate check", scratch_dir, kBuckets, kAdmittedBytes);
  if (!admitted.ok()) return admitted.status();
  auto deferred = SpillStreams::Create("duplicate check", scratch_dir, kBuckets, kDeferredBytes);
  if (!deferred.ok()) return deferred.status();
  d->admitted_ = std::move(*admitted);
  d->deferred_keys_ = std::move(*deferred);
  d->stages_.emplace_back(d->first_stage_keys_);
  return d;
}

void DedupIndex::Prefetch(uint32_t half, uint64_t fp) const {
  uint64_t h = KeyHash(half, fp);
  for (const Stage& s : stages_) s.Prefetch(h);
}

bool DedupIndex::Admit(uint32_t half, uint64_t fp) {
  uint64_t h = KeyHash(half, fp);
  uint64_t probes = Mix64(h);
  size_t bucket = BucketOf(h);
  bool maybe = false;
  for (const Stage& s : stages_) {
    if (s.MaybeContains(h, probes)) {
      maybe = true;
      break;
    }
  }
  if (maybe) {
    unsigned char rec[kDeferredBytes];
    std::memcpy(rec, &half, 4);
    std::memcpy(rec + 4, &fp, 8);
    std::memcpy(rec + 12, &deferred_, 8);
    deferred_keys_->Append(bucket, rec);
    ++deferred_;
    return false;
  }
  if (stages_.back().full()) stages_.emplace_back(first_stage_keys_ << stages_.size());
  stages_.back().Insert(h, probes);
  unsigned char rec[kAdmittedBytes];
  std::memcpy(rec, &half, 4);
  std::memcpy(rec + 4, &fp, 8);
  admitted_->Append(bucket, rec);
  return true;
}

StatusOr<std::vector<uint8_t>> DedupIndex::Resolve(int threads) {
  if (resolved_) return InvalidArgument("duplicate check: resolved twice");
  resolved_ = true;
  std::vector<uint8_t> repeat(deferred_, 0);
  // Buckets are independent (a key lives in one): each writes only its own
  // postings' answers.
  std::vector<Status> status(kBuckets);
  ParallelFor(kBuckets, threads, [&](size_t b) { status[b] = ResolveBucket(b, repeat); });
  for (const Status& st : status)
    if (!st.ok()) return st;
  return repeat;
}

Status DedupIndex::ResolveBucket(size_t b, std::vector<uint8_t>& repeat) {
  // Every key of this bucket, by half-year: one 64th of the postings.
  std::map<uint32_t, FingerprintSet> seen;
  Status st = admitted_->Read(b, [&](const unsigned char* rec, size_t n) {
    for (size_t i = 0; i < n; ++i, rec += kAdmittedBytes) {
      uint32_t half;
      uint64_t fp;
      std::memcpy(&half, rec, 4);
      std::memcpy(&fp, rec + 4, 8);
      seen[half].Insert(fp);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return deferred_keys_->Read(b, [&](const unsigned char* rec, size_t n) {
    for (size_t i = 0; i < n; ++i, rec += kDeferredBytes) {
      uint32_t half;
      uint64_t fp, index;
      std::memcpy(&half, rec, 4);
      std::memcpy(&fp, rec + 4, 8);
      std::memcpy(&index, rec + 12, 8);
      if (index >= repeat.size()) return DataError("duplicate check: scratch file damaged");
      repeat[index] = seen[half].Insert(fp) ? 0 : 1;
    }
    return Status::Ok();
  });
}

}  // namespace jobsift
