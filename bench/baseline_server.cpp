// The benchmark baseline: fastcms's HTTP stack (cpp-httplib with the same transport
// settings, through http::ApiServer) answering a constant record-sized JSON body with no
// database, no routing and no rules. Every benchmark reports fastcms as a ratio to this.
// Given a FILE, it answers that file's bytes instead (the floor of a file download).
//
// usage: fastcms_bench_baseline PORT [FILE CONTENT-TYPE]
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "common/files.h"
#include "common/interrupt.h"
#include "http/server.h"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    std::cerr << "usage: fastcms_bench_baseline PORT [FILE CONTENT-TYPE]\n";
    return 2;
  }
  const nlohmann::json record = {
      {"collectionId", "pbc_1125843985"}, {"collectionName", "posts"},          {"id", "abcdefghijklmno"},
      {"title", "A post title of a typical length"},
      {"body", "Some body text that is long enough to look like the excerpt of a real post in a list."},
      {"views", 42},                      {"published", true},                  {"created", "2026-01-01 00:00:00.000Z"},
      {"updated", "2026-01-01 00:00:00.000Z"}};
  std::string body = record.dump(), content_type = "application/json";
  if (argc == 4) {
    auto file = fastcms::files::read(argv[2]);
    if (!file.ok()) {
      std::cerr << file.error().message << "\n";
      return 1;
    }
    body = std::move(*file);
    content_type = argv[3];
  }

  fastcms::interrupt::install_handlers();
  fastcms::http::ApiServer server({});
  server.raw().Get(R"(/.*)", [&body, &content_type](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, content_type);
  });
  auto port = server.start("127.0.0.1", std::atoi(argv[1]));
  if (!port.ok()) {
    std::cerr << port.error().message << "\n";
    return 1;
  }
  std::cout << "baseline listening on 127.0.0.1:" << *port << std::endl;
  while (!fastcms::interrupt::requested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.stop();
  return 0;
}
