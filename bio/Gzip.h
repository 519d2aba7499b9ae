// gzip decompression for the readers: whole genomes and databases ship as .gz files.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace benchtop::bio {

// True if the data starts with the gzip magic bytes (1f 8b).
bool isGzip(QByteArrayView data);

// Decompresses gzip data, including files of several concatenated members (bgzip, `cat a.gz
// b.gz`). On corrupt or truncated input returns nullopt and, if given, sets *error.
std::optional<QByteArray> gunzip(QByteArrayView data, QString *error = nullptr);

// Reads a file whole, decompressing it if it is gzip (by its content, not its name).
std::optional<QByteArray> readMaybeGzippedFile(const QString &path, QString *error = nullptr);

} // namespace benchtop::bio
