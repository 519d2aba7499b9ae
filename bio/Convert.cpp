#include "Convert.h"

#include "bio/ApiJson.h"
#include "bio/Embl.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "bio/Gzip.h"
#include "bio/SnapGene.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

struct Alias
{
    const char *name;
    Format format;
    bool extension; // also recognised at the end of a file name
};

constexpr Alias kAliases[] = {
    {"gb", Format::GenBank, true},         {"gbk", Format::GenBank, true},
    {"genbank", Format::GenBank, true},    {"gbff", Format::GenBank, true},
    {"gp", Format::GenBank, true},         {"genpept", Format::GenBank, false},
    {"fa", Format::Fasta, true},           {"fasta", Format::Fasta, true},
    {"fna", Format::Fasta, true},          {"faa", Format::Fasta, true},
    {"ffn", Format::Fasta, true},          {"fas", Format::Fasta, true},
    {"embl", Format::Embl, true},          {"dna", Format::SnapGene, true},
    {"snapgene", Format::SnapGene, false}, {"json", Format::ApiJson, true},
    {"api-json", Format::ApiJson, false},
};

std::optional<Format> lookup(QStringView name, bool extensionsOnly)
{
    for (const Alias &alias : kAliases)
        if ((alias.extension || !extensionsOnly) &&
            name.compare(QLatin1StringView(alias.name), Qt::CaseInsensitive) == 0)
            return alias.format;
    return std::nullopt;
}

bool isGzipName(const QString &path)
{
    return path.endsWith(u".gz", Qt::CaseInsensitive);
}

// The whole file, decompressed if it is gzip (by its magic bytes, not its name).
std::optional<QByteArray> readBytes(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot open %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    if (isGzip(data)) {
        QString why;
        std::optional<QByteArray> text = gunzip(data, &why);
        if (!text)
            *error = u"%1: gzip-compressed data could not be read: %2"_s.arg(path, why);
        return text;
    }
    return data;
}

template<typename Result> ReadRecordsResult take(const QString &path, Result &&result)
{
    if (result.error)
        return {{}, u"%1: %2"_s.arg(path, result.error->toString())};
    return {std::move(result.records), std::nullopt};
}

} // namespace

std::optional<Format> formatFromFileName(const QString &path)
{
    QString name = QFileInfo(path).fileName();
    if (isGzipName(name))
        name.chop(3);
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot < 0)
        return std::nullopt;
    return lookup(QStringView(name).sliced(dot + 1), true);
}

std::optional<Format> formatFromName(const QString &name)
{
    QStringView view(name);
    if (view.startsWith(u'.'))
        view = view.sliced(1);
    return lookup(view.trimmed(), false);
}

QString formatName(Format format)
{
    switch (format) {
    case Format::GenBank:
        return u"GenBank"_s;
    case Format::Fasta:
        return u"FASTA"_s;
    case Format::Embl:
        return u"EMBL"_s;
    case Format::SnapGene:
        return u"SnapGene"_s;
    case Format::ApiJson:
        return u"API JSON"_s;
    }
    return {};
}

bool canRead(Format)
{
    return true;
}

bool canWrite(Format format)
{
    return format == Format::GenBank || format == Format::Fasta || format == Format::ApiJson;
}

ReadRecordsResult readRecordsFile(const QString &path, Format format)
{
    ReadRecordsResult result;
    if (format == Format::Fasta) {
        result = take(path, readFastaFile(path));
    } else if (format == Format::Embl) {
        result = take(path, readEmblFile(path));
    } else {
        QString error;
        const std::optional<QByteArray> data = readBytes(path, &error);
        if (!data)
            return {{}, error};
        if (format == Format::GenBank) {
            result = take(path, readGenBank(*data));
        } else if (format == Format::ApiJson) {
            result = take(path, readApiJson(*data));
        } else {
            SnapGeneResult one = readSnapGene(*data);
            if (one.error)
                return {{}, u"%1: %2"_s.arg(path, one.error->toString())};
            QString name = QFileInfo(path).fileName();
            if (isGzipName(name))
                name.chop(3);
            one.record.name = QFileInfo(name).completeBaseName();
            result.records.append(std::move(one.record));
        }
    }
    if (!result.error && result.records.isEmpty())
        result.error = u"%1: no sequence records found"_s.arg(path);
    return result;
}

std::optional<QString> writeRecordsFile(const QString &path, const QList<Record> &records,
                                        Format format)
{
    if (!canWrite(format))
        return u"cannot write %1 files (write GenBank, FASTA or JSON)"_s.arg(formatName(format));
    if (isGzipName(path))
        return u"%1: writing compressed files is not supported"_s.arg(path);
    QByteArray bytes;
    if (format == Format::GenBank)
        bytes = writeGenBank(records);
    else if (format == Format::Fasta)
        bytes = writeFasta(records);
    else
        bytes = writeApiJson(records);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    return std::nullopt;
}

std::optional<QString> convertFile(const QString &in, const QString &out,
                                   std::optional<Format> from, std::optional<Format> to)
{
    if (!from)
        from = formatFromFileName(in);
    if (!from)
        return u"cannot tell the format of %1 from its name; give --from "
               u"(genbank, fasta, embl, snapgene or json)"_s.arg(in);
    if (!to)
        to = formatFromFileName(out);
    if (!to)
        return u"cannot tell the format of %1 from its name; give --to "
               u"(genbank, fasta or json)"_s.arg(out);
    if (!canWrite(*to))
        return u"cannot write %1 files (write GenBank, FASTA or JSON)"_s.arg(formatName(*to));
    if (isGzipName(out))
        return u"%1: writing compressed files is not supported"_s.arg(out);
    const ReadRecordsResult read = readRecordsFile(in, *from);
    if (read.error)
        return read.error;
    return writeRecordsFile(out, read.records, *to);
}

} // namespace benchtop::bio
