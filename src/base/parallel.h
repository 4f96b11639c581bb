// jobsift's two shapes of parallel work, on plain threads.
//
// OrderedPipeline: items submitted in order are processed on N threads and
// their results handed on in the same order, on the submitting thread. The
// work in flight is bounded (memory stays bounded by it, not by the input),
// and when it is at its bound the submitting thread processes a queued item
// itself rather than wait: N threads keep N cores busy, the submitter
// included. The reader (chunks of input), the generator (blocks of rows)
// use it; output is the same whatever N.
//
// ParallelFor: n independent pieces of work on N threads, each thread taking
// every N-th piece (deduplication's buckets).
#ifndef JOBSIFT_BASE_PARALLEL_H_
#define JOBSIFT_BASE_PARALLEL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace jobsift {

// Threads for `asked`: itself when positive, else every core.
inline int ThreadsFor(int asked) {
  return asked > 0 ? asked : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// `Worker` is per-thread state (scratch buffers, parsers), default
// constructed once per thread.
template <class Item, class Result, class Worker>
class OrderedPipeline {
 public:
  using Process = std::function<Result(Item&, Worker&)>;
  using Deliver = std::function<void(Result&&)>;

  OrderedPipeline(int threads, size_t max_in_flight, Process process, Deliver deliver)
      : process_(std::move(process)), deliver_(std::move(deliver)), max_in_flight_(std::max<size_t>(1, max_in_flight)) {
    for (int i = 1; i < threads; ++i) threads_.emplace_back([this] { WorkerLoop(); });
  }
  ~OrderedPipeline() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // Queues `item`; delivers the results that are ready, in order; returns
  // when the work in flight is under its bound.
  void Submit(Item item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(next_seq_++, std::move(item));
    }
    work_cv_.notify_one();
    for (;;) {
      Collect(false);
      std::unique_lock<std::mutex> lock(mu_);
      if (next_seq_ - next_to_deliver_ < max_in_flight_) break;
      if (!queue_.empty()) {
        RunQueued(lock);
        continue;
      }
      done_cv_.wait(lock, [&] { return done_.count(next_to_deliver_) > 0; });
    }
  }

  // Returns when every submitted item's result has been delivered.
  void Drain() { Collect(true); }

 private:
  void Collect(bool all) {
    for (;;) {
      Result r;
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (all) {
          done_cv_.wait(lock, [&] {
            return next_to_deliver_ == next_seq_ || done_.count(next_to_deliver_) > 0 || !queue_.empty();
          });
          if (next_to_deliver_ == next_seq_) return;
          if (done_.count(next_to_deliver_) == 0) {  // an item still queued: process it here
            RunQueued(lock);
            continue;
          }
        }
        auto it = done_.find(next_to_deliver_);
        if (it == done_.end()) return;
        r = std::move(it->second);
        done_.erase(it);
        ++next_to_deliver_;
      }
      deliver_(std::move(r));
    }
  }

  void WorkerLoop() {
    Worker w;
    for (;;) {
      std::pair<uint64_t, Item> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      Run(std::move(job), w);
    }
  }

  // With `lock` held and an item queued: takes the first and processes it
  // on this (the submitting) thread, unlocking meanwhile.
  void RunQueued(std::unique_lock<std::mutex>& lock) {
    std::pair<uint64_t, Item> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    if (!helper_) helper_ = std::make_unique<Worker>();
    Run(std::move(job), *helper_);
    lock.lock();
  }

  void Run(std::pair<uint64_t, Item> job, Worker& w) {
    Result r = process_(job.second, w);
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_.emplace(job.first, std::move(r));
    }
    done_cv_.notify_all();
  }

  Process process_;
  Deliver deliver_;
  const size_t max_in_flight_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<std::pair<uint64_t, Item>> queue_;
  std::map<uint64_t, Result> done_;
  uint64_t next_seq_ = 0;
  uint64_t next_to_deliver_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
  std::unique_ptr<Worker> helper_;  // the submitting thread's
};

// Calls `work(i)` for every i in [0, n) on `threads` threads (the calling
// one included), thread t taking i = t, t + threads, …; returns when all
// are done.
inline void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& work) {
  size_t k = std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1, std::max<size_t>(n, 1));
  auto stripe = [&](size_t t) {
    for (size_t i = t; i < n; i += k) work(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < k; ++t) pool.emplace_back(stripe, t);
  stripe(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace jobsift

#endif  // JOBSIFT_BASE_PARALLEL_H_
