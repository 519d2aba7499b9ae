// Writing the feature table (declared in FeatureTable.h): NCBI's layout, lines of 79 columns.
#include "FeatureTable.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

constexpr qsizetype kValueColumn = 21; // 0-based column of locations and qualifiers
constexpr qsizetype kLineWidth = 79;

bool joinedWithoutSpaces(QByteArrayView name)
{
    return name == "translation";
}

// INSDC writes these bare (/codon_start=1); Biopython's list.
bool writtenBare(const QString &name)
{
    static const QStringList names = {u"anticodon"_s,      u"citation"_s,    u"codon_start"_s,
                                      u"compare"_s,        u"direction"_s,   u"estimated_length"_s,
                                      u"mod_base"_s,       u"number"_s,      u"rpt_type"_s,
                                      u"rpt_unit_range"_s, u"tag_peptide"_s, u"transl_except"_s,
                                      u"transl_table"_s};
    return names.contains(name);
}

// A break at text[k] (a space) is safe if joining with one space restores it, the line before
// does not end in a quote (Biopython would take it for the closing one) and the next line does
// not start with '/' (it would look like a qualifier).
bool canBreakAt(QByteArrayView text, qsizetype k)
{
    return k > 0 && k + 1 < text.size() && text[k] == ' ' && text[k - 1] != ' ' &&
           text[k - 1] != '"' && text[k + 1] != ' ' && text[k + 1] != '/';
}

void appendLocation(QByteArray &out, QByteArrayView firstLine, QByteArrayView indent,
                    QByteArrayView text)
{
    out += firstLine;
    qsizetype width = kLineWidth - firstLine.size();
    while (text.size() > width) {
        // Break after a comma: readers join location lines without spaces.
        qsizetype cut = text.first(width).lastIndexOf(',');
        if (cut < 0)
            cut = text.indexOf(',', width);
        if (cut < 0)
            break;
        out += text.first(cut + 1);
        out += '\n';
        out += indent;
        text = text.sliced(cut + 1);
        width = kLineWidth - indent.size();
    }
    out += text;
    out += '\n';
}

// For /translation: full lines, split anywhere. As NCBI does, a closing quote that would stand
// alone on the last line hangs into column 80 instead.
void appendChunked(QByteArray &out, QByteArrayView indent, QByteArrayView text)
{
    const qsizetype width = kLineWidth - indent.size();
    for (qsizetype i = 0; i < text.size();) {
        qsizetype take = std::min(width, text.size() - i);
        if (text.size() - i == width + 1)
            take = width + 1;
        // A line must not end inside an escaped "" or look closed: cut before the quotes.
        while (i + take < text.size() && take > 1 && text[i + take - 1] == '"')
            --take;
        out += indent;
        out += text.sliced(i, take);
        out += '\n';
        i += take;
    }
}

// A name the reader reads back as the same name: no blanks, quotes or '=', never empty. Names
// from other formats (a SnapGene file's XML) can hold anything.
QByteArray writableName(const QString &name)
{
    QByteArray text = name.toUtf8();
    std::replace_if(
        text.begin(), text.end(),
        [](char c) {
            return c == ' ' || c == '"' || c == '=' || c == '\t' || c == '\r' || c == '\n';
        },
        '_');
    return text.isEmpty() ? QByteArray("_") : text;
}

QByteArray qualifierText(const Qualifier &q)
{
    QByteArray text = '/' + writableName(q.name);
    if (!q.hasValue)
        return text;
    QByteArray value = q.value.toUtf8();
    const bool bare = writtenBare(q.name) && !value.isEmpty() &&
                      std::none_of(value.begin(), value.end(), [](char c) {
                          return c == ' ' || c == '"' || c == '\n' || c == '\r' || c == '\t';
                      });
    if (bare)
        return text + '=' + value;
    value.replace("\r\n", " ");
    std::replace_if(
        value.begin(), value.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
        ' ');
    value.replace("\"", "\"\"");
    return text + "=\"" + value + '"';
}

} // namespace

void appendWrapped(QByteArray &out, QByteArrayView firstLine, QByteArrayView indent,
                   QByteArrayView text)
{
    QByteArrayView lineStart = firstLine;
    while (true) {
        const qsizetype width = kLineWidth - lineStart.size();
        qsizetype cut = -1;
        if (text.size() > width) {
            for (qsizetype k = std::min(width, text.size() - 1); k > 0 && cut < 0; --k)
                if (canBreakAt(text, k))
                    cut = k;
            for (qsizetype k = width + 1; k < text.size() && cut < 0; ++k)
                if (canBreakAt(text, k))
                    cut = k;
        }
        out += lineStart;
        if (cut < 0) {
            out += text;
            out += '\n';
            return;
        }
        out += text.first(cut);
        out += '\n';
        text = text.sliced(cut + 1);
        lineStart = indent;
    }
}

void writeFeatureTable(QByteArray &out, const QList<Feature> &features,
                       const LocationContext &context, QByteArrayView prefix)
{
    const QByteArray indent = prefix + QByteArray(kValueColumn - prefix.size(), ' ');
    for (const Feature &feature : features) {
        if (feature.location.isEmpty())
            continue;
        QByteArray key = prefix + feature.type.toUtf8();
        key += key.size() < kValueColumn ? QByteArray(kValueColumn - key.size(), ' ') : " ";
        appendLocation(out, key, indent, formatLocation(feature.location, context));
        for (const Qualifier &q : feature.qualifiers) {
            const QByteArray text = qualifierText(q);
            if (joinedWithoutSpaces(q.name.toUtf8()))
                appendChunked(out, indent, text);
            else
                appendWrapped(out, indent, indent, text);
        }
    }
}

} // namespace benchtop::bio
