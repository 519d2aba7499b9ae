// An entry as HTML for printing on this machine (QTextDocument → QPrinter or QPdfWriter): the
// same parts, in the same order, as the server's export renders.
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

class QPagedPaintDevice;

namespace benchtop::models {

QString entryHtml(const QJsonObject &entry, const QJsonArray &days,
                  const std::function<QString(const QJsonObject &link)> &linkName = {});
// Prints `html` on `device` (a QPrinter or QPdfWriter), paginated. Needs a QGuiApplication.
void printHtml(const QString &html, QPagedPaintDevice *device);
// Writes a PDF file of the entry; false if the file cannot be written.
bool writeEntryPdf(const QString &path, const QJsonObject &entry, const QJsonArray &days,
                   const std::function<QString(const QJsonObject &link)> &linkName = {});

} // namespace benchtop::models
