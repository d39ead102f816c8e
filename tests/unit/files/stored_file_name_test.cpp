// Stored file names: PocketBase's shape, and nothing a client sends can become a path.
#include <doctest/doctest.h>

#include <regex>

#include "core/files/stored_file_name.h"

using fastcms::core::files::is_stored_file_name;
using fastcms::core::files::stored_file_name;

TEST_SUITE("files stored names") {
  TEST_CASE("snake-cased base, 10 random characters, lower-cased extension") {
    std::string name = stored_file_name("My Photo (1).PNG");
    CHECK(std::regex_match(name, std::regex("my_photo_1_[a-z0-9]{10}\\.png")));
    CHECK(std::regex_match(stored_file_name("someFileName.tar.gz"), std::regex("some_file_name_tar_[a-z0-9]{10}\\.gz")));
    CHECK(stored_file_name("report.pdf") != stored_file_name("report.pdf"));
    CHECK(is_stored_file_name(name));
  }

  TEST_CASE("traversal and odd names are neutralised") {
    for (const char* hostile : {"../../etc/passwd", "..\\..\\boot.ini", "/abs/path/x.txt", ".htaccess", "a\0b.txt",
                                "....", "<script>.html", "name.ph/p", "x.%2e%2e", ""}) {
      std::string name = stored_file_name(hostile);
      CAPTURE(hostile);
      CAPTURE(name);
      CHECK(name.find('/') == std::string::npos);
      CHECK(name.find('\\') == std::string::npos);
      CHECK(name.find("..") == std::string::npos);
      CHECK(name.front() != '.');
      CHECK(is_stored_file_name(name));
    }
    CHECK(std::regex_match(stored_file_name("../../etc/passwd"), std::regex("passwd_[a-z0-9]{10}")));
  }

  TEST_CASE("short names get padding, long names are cut, a detected extension fills in") {
    CHECK(std::regex_match(stored_file_name("a.jpg"), std::regex("a[a-z0-9]{10}_[a-z0-9]{10}\\.jpg")));
    std::string long_name = stored_file_name(std::string(300, 'x') + ".txt");
    CHECK(long_name.size() == 100 + 1 + 10 + 4);
    CHECK(std::regex_match(stored_file_name("blob", ".png"), std::regex("blob_[a-z0-9]{10}\\.png")));
    CHECK(std::regex_match(stored_file_name("pic.jpeg", ".png"), std::regex("pic_[a-z0-9]{10}\\.jpeg")));
  }

  TEST_CASE("is_stored_file_name refuses what a client might try") {
    for (const char* bad : {"../x_abcdefghij.png", "x_abcdefghij.png/..", "X_abcdefghij.png", ".x_abcdefghij",
                            "x_abc.png", "x_abcdefghij..png", "", "x_abcdefghij.png\n"})
      CHECK_MESSAGE(!is_stored_file_name(bad), bad);
  }
}
