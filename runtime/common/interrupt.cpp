#include "common/interrupt.h"

#include <csignal>

namespace fastcms::interrupt {

namespace {
volatile std::sig_atomic_t flag = 0;
extern "C" void on_signal(int) { flag = 1; }
}  // namespace

void install_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool requested() { return flag != 0; }
void request() { flag = 1; }

}  // namespace fastcms::interrupt
