#include "ApiJson.h"

#include "GeneticCode.h"

#include "bio/Sequence.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

int strandValue(Strand strand)
{
    return static_cast<int>(strand);
}

// Where a feature sits in API terms: a start and end on the sequence (start > end when it
// crosses the origin), and its spans in sequence order (as they lie from start to end).
struct Placement
{
    qint64 start = 0;
    qint64 end = 0;
    bool wraps = false;
    QList<Span> inSequenceOrder;
};

Placement place(const QList<Span> &spans, qint64 length, bool circular, Strand strand)
{
    Placement p;
    p.inSequenceOrder = spans;
    if (strand == Strand::Reverse)
        std::reverse(p.inSequenceOrder.begin(), p.inSequenceOrder.end());
    const auto &s = p.inSequenceOrder;
    qsizetype wrapAt = -1;
    for (qsizetype i = 0; circular && i + 1 < s.size(); ++i)
        if (s[i].end == length && s[i + 1].start == 0) {
            wrapAt = i;
            break;
        }
    p.wraps = wrapAt >= 0;
    const auto startOf = [](const Span &a, const Span &b) {
        return a.start < b.start;
    };
    const auto endOf = [](const Span &a, const Span &b) {
        return a.end < b.end;
    };
    if (p.wraps) {
        p.start = std::min_element(s.begin(), s.begin() + wrapAt + 1, startOf)->start;
        p.end = std::max_element(s.begin() + wrapAt + 1, s.end(), endOf)->end;
    } else {
        p.start = std::min_element(s.begin(), s.end(), startOf)->start;
        p.end = std::max_element(s.begin(), s.end(), endOf)->end;
    }
    return p;
}

qint64 apiEnd(qint64 end, qint64 length)
{
    return end == length ? 0 : end;
}

QString segmentsLine(const QList<Span> &spans)
{
    QStringList parts;
    for (const Span &span : spans)
        parts << u"%1..%2"_s.arg(span.start + 1).arg(span.end);
    return QString(kApiSegmentsPrefix + parts.join(u','));
}

QString colorOf(const Feature &feature, Strand strand)
{
    QString color = feature.qualifier(u"color"_s);
    if (color.isEmpty())
        color = feature.qualifier(strand == Strand::Reverse ? u"ApEinfo_revcolor"_s
                                                            : u"ApEinfo_fwdcolor"_s);
    return color;
}

QByteArray boundBases(const Record &record, const QList<Span> &spans, Strand strand)
{
    QByteArray bases;
    for (const Span &span : spans) {
        const QByteArrayView piece =
            QByteArrayView(record.sequence).sliced(span.start, span.length());
        bases += strand == Strand::Reverse ? reverseComplement(piece) : piece.toByteArray();
    }
    return bases;
}

} // namespace

QJsonObject toApiJson(const Record &record)
{
    const bool protein = record.kind == MoleculeKind::Protein;
    const bool circular = record.topology == Topology::Circular;
    const qint64 length = record.length();
    QJsonObject object;
    object[u"name"_s] = record.name.isEmpty() ? record.accession : record.name;
    if (protein) {
        object[u"aminoAcids"_s] = QString::fromLatin1(record.sequence);
    } else {
        object[u"bases"_s] = QString::fromLatin1(record.sequence);
        object[u"isCircular"_s] = circular;
    }
    QJsonArray annotations;
    QJsonArray primers;
    QJsonArray translations;
    for (const Feature &feature : record.features) {
        QList<Span> spans;
        for (const Span &span : feature.location.spans)
            if (span.remoteAccession.isEmpty() && span.start >= 0 && span.end <= length &&
                span.start < span.end)
                spans.append(span);
        if (spans.isEmpty())
            continue;
        Location local;
        local.spans = spans;
        const Strand strand = protein ? Strand::None : local.strand();
        const Placement p = place(spans, length, circular, strand);
        const QString color = colorOf(feature, strand);
        QJsonObject item;
        item[u"start"_s] = p.start;
        item[u"end"_s] = apiEnd(p.end, length);
        if (!protein)
            item[u"strand"_s] = strandValue(strand);
        item[u"name"_s] = feature.displayName();
        if (!color.isEmpty())
            item[u"color"_s] = color;

        if (!protein && feature.type == u"primer_bind") {
            QString bases = feature.qualifier(u"sequence"_s);
            if (bases.isEmpty())
                bases = QString::fromLatin1(boundBases(record, spans, strand));
            item[u"bases"_s] = bases;
            primers.append(item);
            continue;
        }

        QStringList notes;
        for (const Qualifier &q : feature.qualifiers)
            if (q.name == u"note" && !q.value.isEmpty())
                notes << q.value;
        const bool plainWrap = p.wraps && spans.size() == 2;
        if (spans.size() > 1 && !plainWrap)
            notes << segmentsLine(spans);
        QJsonObject annotation = item;
        annotation[u"type"_s] = feature.type;
        if (!notes.isEmpty())
            annotation[u"notes"_s] = notes.join(u'\n');
        annotations.append(annotation);

        if (!protein && feature.type == u"CDS") {
            const QString table = feature.qualifier(u"transl_table"_s);
            const QString code = GeneticCode::apiNameForId(table.isEmpty() ? 1 : table.toInt());
            if (code.isEmpty())
                continue;
            QJsonArray regions;
            for (const Span &span : p.inSequenceOrder)
                regions.append(
                    QJsonObject{{u"start"_s, span.start}, {u"end"_s, apiEnd(span.end, length)}});
            QJsonObject translation = item;
            translation[u"regions"_s] = regions;
            translation[u"geneticCode"_s] = code;
            const QString aminoAcids = feature.qualifier(u"translation"_s);
            if (!aminoAcids.isEmpty())
                translation[u"aminoAcids"_s] = aminoAcids;
            translations.append(translation);
        }
    }
    object[u"annotations"_s] = annotations;
    if (!protein) {
        object[u"primers"_s] = primers;
        object[u"translations"_s] = translations;
    }
    return object;
}

QByteArray writeApiJson(const QList<Record> &records)
{
    if (records.size() == 1)
        return QJsonDocument(toApiJson(records.first())).toJson(QJsonDocument::Indented);
    QJsonArray array;
    for (const Record &record : records)
        array.append(toApiJson(record));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

ApiJsonResult readApiJson(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        const qint64 line = json.first(offset).count('\n') + 1;
        return {{}, ParseError{line, u"JSON syntax error: %1"_s.arg(parseError.errorString())}};
    }
    if (document.isObject())
        return fromApiJson(document.object());
    if (!document.isArray())
        return {{}, ParseError{0, u"expected a sequence object or an array of them"_s}};
    ApiJsonResult all;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return {{}, ParseError{0, u"[%1]: expected a sequence object"_s.arg(i)}};
        ApiJsonResult one = fromApiJson(array.at(i).toObject());
        if (one.error)
            return {{}, ParseError{0, u"[%1].%2"_s.arg(i).arg(one.error->message)}};
        all.records += std::move(one.records);
    }
    return all;
}

ApiJsonResult readApiJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, ParseError{0, u"cannot open %1: %2"_s.arg(path, file.errorString())}};
    return readApiJson(file.readAll());
}

} // namespace benchtop::bio
