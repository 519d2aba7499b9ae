#include "SequenceModel.h"

#include "bio/GeneticCode.h"
#include "bio/Sequence.h"
#include "bio/Translation.h"
#include "server/ResourceRoutes.h"
#include "server/storage/Database.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::sequences {

KindInfo kindInfo(SeqKind kind)
{
    switch (kind) {
    case SeqKind::Dna:
        return {kind, u"dna_sequence"_s, u"seq_"_s};
    case SeqKind::Rna:
        return {kind, u"rna_sequence"_s, u"seq_"_s};
    case SeqKind::Aa:
        return {kind, u"aa_sequence"_s, u"prtn_"_s};
    case SeqKind::DnaOligo:
        return {kind, u"dna_oligo"_s, u"seq_"_s};
    case SeqKind::RnaOligo:
        return {kind, u"rna_oligo"_s, u"seq_"_s};
    }
    return {kind, {}, {}};
}

namespace {

const QString kDnaLetters = u"ACGTRYSWKMBDHVN"_s;
const QString kRnaLetters = u"ACGURYSWKMBDHVN"_s;

QString alphabetOf(SeqKind kind)
{
    switch (kind) {
    case SeqKind::Aa:
        return u"amino acid (IUPAC letters A-Z or * for a stop)"_s;
    case SeqKind::Rna:
    case SeqKind::RnaOligo:
        return u"RNA base (IUPAC: A C G U R Y S W K M B D H V N)"_s;
    default:
        return u"DNA base (IUPAC: A C G T R Y S W K M B D H V N)"_s;
    }
}

bool isRna(SeqKind kind)
{
    return kind == SeqKind::Rna || kind == SeqKind::RnaOligo;
}

struct Range
{
    qint64 start = 0;
    qint64 end = 0;
};

// Reads {start, end} of `object` against a sequence of `length`; *error names the problem.
std::optional<Range> readRange(const QJsonObject &object, const QString &where, qint64 length,
                               bool circular, QString *error)
{
    Range range;
    for (const QString &key : {u"start"_s, u"end"_s}) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            *error = u"%1: field '%2' is required."_s.arg(where, key);
            return std::nullopt;
        }
        if (!value.isDouble() || value.toDouble() != double(qint64(value.toDouble()))) {
            *error = u"%1: field '%2' must be a whole number."_s.arg(where, key);
            return std::nullopt;
        }
        (key == u"start"_s ? range.start : range.end) = qint64(value.toDouble());
    }
    if (range.start < 0 || range.start >= length) {
        *error = u"%1: start %2 is outside the sequence (0 to %3)."_s.arg(where)
                     .arg(range.start)
                     .arg(length - 1);
        return std::nullopt;
    }
    if (range.end < 0 || range.end > length) {
        *error = u"%1: end %2 is outside the sequence (0 to %3; 0 is the end)."_s.arg(where)
                     .arg(range.end)
                     .arg(length);
        return std::nullopt;
    }
    if (range.end == 0)
        range.end = length; // stored as the absolute end; the JSON writes it back as 0
    if (range.start >= range.end && !circular) {
        *error = u"%1: start %2 is not before end %3 on a linear sequence."_s.arg(where)
                     .arg(range.start)
                     .arg(range.end);
        return std::nullopt;
    }
    return range;
}

std::optional<int> readStrand(const QJsonObject &object, const QString &where, SeqKind kind,
                              QString *error)
{
    const QJsonValue value = object.value(u"strand"_s);
    if (value.isUndefined() || value.isNull())
        return 1;
    const int minimum = isRna(kind) ? 0 : -1;
    if (!value.isDouble() || value.toDouble() != double(int(value.toDouble())) ||
        value.toInt() < minimum || value.toInt() > 1) {
        *error = u"%1: field 'strand' must be %2."_s.arg(where, isRna(kind) ? u"0 or 1"_s
                                                                            : u"-1, 0 or 1"_s);
        return std::nullopt;
    }
    return value.toInt();
}

bool copyStrings(const QJsonObject &from, QJsonObject &to, const QStringList &keys,
                 const QString &where, QString *error)
{
    for (const QString &key : keys) {
        const QJsonValue value = from.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isString()) {
            *error = u"%1: field '%2' must be a string."_s.arg(where, key);
            return false;
        }
        to.insert(key, value);
    }
    return true;
}

// Checks and normalises annotations against the bases.
std::optional<QJsonArray> readAnnotations(const QJsonArray &items, SeqKind kind, qint64 length,
                                          bool circular, QString *error)
{
    QJsonArray out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = u"annotations[%1]"_s.arg(i);
        if (!items[i].isObject()) {
            *error = where + u" must be an object."_s;
            return std::nullopt;
        }
        const QJsonObject in = items[i].toObject();
        const auto range = readRange(in, where, length, circular, error);
        if (!range)
            return std::nullopt;
        QJsonObject annotation{{u"start"_s, range->start}, {u"end"_s, range->end}};
        if (kind != SeqKind::Aa) {
            const auto strand = readStrand(in, where, kind, error);
            if (!strand)
                return std::nullopt;
            annotation.insert(u"strand"_s, *strand);
        }
        if (!copyStrings(in, annotation, {u"type"_s, u"name"_s, u"color"_s, u"notes"_s, u"id"_s},
                         where, error))
            return std::nullopt;
        if (annotation.value(u"color"_s).isString() &&
            !isHexColor(annotation.value(u"color"_s).toString())) {
            *error = u"%1: color '%2' is not a hex colour like #F58A5E."_s.arg(
                where, annotation.value(u"color"_s).toString());
            return std::nullopt;
        }
        if (in.contains(u"customFields"_s)) {
            if (!in.value(u"customFields"_s).isArray()) {
                *error = where + u": field 'customFields' must be a list."_s;
                return std::nullopt;
            }
            annotation.insert(u"customFields"_s, in.value(u"customFields"_s));
        }
        out.append(annotation);
    }
    return out;
}

std::optional<QJsonArray> readPrimers(Resources &resources, const QJsonArray &items, SeqKind kind,
                                      qint64 length, bool circular, QString *error)
{
    QJsonArray out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = u"primers[%1]"_s.arg(i);
        if (!items[i].isObject()) {
            *error = where + u" must be an object."_s;
            return std::nullopt;
        }
        const QJsonObject in = items[i].toObject();
        const auto range = readRange(in, where, length, circular, error);
        if (!range)
            return std::nullopt;
        const auto strand = readStrand(in, where, kind, error);
        if (!strand)
            return std::nullopt;
        if (*strand == 0) {
            *error = where + u": a primer binds one strand; 'strand' must be 1 or -1."_s;
            return std::nullopt;
        }
        QJsonObject primer{
            {u"start"_s, range->start}, {u"end"_s, range->end}, {u"strand"_s, *strand}};
        // name, bases and color are read-only in the API; a client that sends back what it
        // read keeps them.
        if (!copyStrings(in, primer, {u"oligoId"_s, u"name"_s, u"bases"_s, u"color"_s}, where,
                         error))
            return std::nullopt;
        if (const QString oligoId = primer.value(u"oligoId"_s).toString(); !oligoId.isEmpty()) {
            const auto oligo = resources.find(oligoId);
            if (!oligo || (oligo->kind != u"dna_oligo"_s && oligo->kind != u"rna_oligo"_s)) {
                *error = u"%1: no oligo has the id %2."_s.arg(where, oligoId);
                return std::nullopt;
            }
        }
        out.append(primer);
    }
    return out;
}

std::optional<QJsonArray> readTranslations(const QJsonArray &items, qint64 length, bool circular,
                                           SeqKind kind, QString *error)
{
    QJsonArray out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = u"translations[%1]"_s.arg(i);
        if (!items[i].isObject()) {
            *error = where + u" must be an object."_s;
            return std::nullopt;
        }
        const QJsonObject in = items[i].toObject();
        const auto range = readRange(in, where, length, circular, error);
        if (!range)
            return std::nullopt;
        const auto strand = readStrand(in, where, kind, error);
        if (!strand)
            return std::nullopt;
        QJsonObject translation{
            {u"start"_s, range->start}, {u"end"_s, range->end}, {u"strand"_s, *strand}};
        if (!copyStrings(in, translation, {u"name"_s, u"color"_s, u"notes"_s}, where, error))
            return std::nullopt;
        const QJsonValue code = in.value(u"geneticCode"_s);
        QString codeName = u"STANDARD"_s;
        if (!code.isUndefined() && !code.isNull()) {
            if (!code.isString()) {
                *error = where + u": field 'geneticCode' must be a string."_s;
                return std::nullopt;
            }
            codeName = code.toString();
            if (bio::GeneticCode::idForApiName(codeName) == 0) {
                *error = u"%1: '%2' is not a genetic code of the API."_s.arg(where, codeName);
                return std::nullopt;
            }
            if (!bio::GeneticCode::byApiName(codeName)) {
                *error =
                    u"%1: this server has no table for the genetic code %2."_s.arg(where, codeName);
                return std::nullopt;
            }
        }
        translation.insert(u"geneticCode"_s, codeName);
        const QJsonValue coerce = in.value(u"coerceStartCodonToMethionine"_s);
        if (!coerce.isUndefined() && !coerce.isBool()) {
            *error = where + u": field 'coerceStartCodonToMethionine' must be a boolean."_s;
            return std::nullopt;
        }
        translation.insert(u"coerceStartCodonToMethionine"_s, coerce.toBool(false));
        QJsonArray regions;
        const QJsonValue regionsIn = in.value(u"regions"_s);
        if (!regionsIn.isUndefined() && !regionsIn.isNull()) {
            if (!regionsIn.isArray()) {
                *error = where + u": field 'regions' must be a list."_s;
                return std::nullopt;
            }
            const QJsonArray list = regionsIn.toArray();
            for (qsizetype r = 0; r < list.size(); ++r) {
                const QString regionWhere = u"%1.regions[%2]"_s.arg(where).arg(r);
                if (!list[r].isObject()) {
                    *error = regionWhere + u" must be an object."_s;
                    return std::nullopt;
                }
                const auto region =
                    readRange(list[r].toObject(), regionWhere, length, circular, error);
                if (!region)
                    return std::nullopt;
                regions.append(QJsonObject{{u"start"_s, region->start}, {u"end"_s, region->end}});
            }
        }
        if (regions.isEmpty())
            regions.append(QJsonObject{{u"start"_s, range->start}, {u"end"_s, range->end}});
        translation.insert(u"regions"_s, regions);
        out.append(translation);
    }
    return out;
}

QByteArray translationAminoAcids(const QByteArray &bases, const QJsonObject &translation)
{
    QByteArray coding;
    const QJsonArray regions = translation.value(u"regions"_s).toArray();
    for (const QJsonValue &region : regions) {
        coding += extractRange(bases, region[u"start"_s].toInteger(), region[u"end"_s].toInteger());
    }
    if (translation.value(u"strand"_s).toInt() == -1)
        coding = bio::reverseComplement(coding);
    bio::TranslationOptions options;
    options.code = bio::GeneticCode::byApiName(translation.value(u"geneticCode"_s).toString());
    options.coerceStartCodonToMethionine =
        translation.value(u"coerceStartCodonToMethionine"_s).toBool();
    QByteArray protein = bio::translate(coding, options);
    // As GenBank's /translation: the closing stop codon is not part of the protein.
    if (protein.endsWith('*'))
        protein.chop(1);
    return protein;
}

QJsonArray userSummaries(Resources &resources, const QStringList &ids, QString *missing)
{
    QJsonArray out;
    for (const QString &id : ids) {
        QSqlQuery query =
            resources.database().exec(u"SELECT handle, name FROM users WHERE id = ?"_s, {id});
        if (!query.next()) {
            *missing = id;
            return {};
        }
        out.append(QJsonObject{{u"id"_s, id},
                               {u"handle"_s, query.value(0).toString()},
                               {u"name"_s, query.value(1).toString()}});
    }
    return out;
}

} // namespace

bool isHexColor(const QString &color)
{
    static const QRegularExpression hex(u"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"_s);
    return hex.match(color).hasMatch();
}

qsizetype firstBadLetter(const QString &letters, SeqKind kind)
{
    const QString &allowed =
        kind == SeqKind::Rna || kind == SeqKind::RnaOligo ? kRnaLetters : kDnaLetters;
    for (qsizetype i = 0; i < letters.size(); ++i) {
        const QChar c = letters[i].toUpper();
        if (kind == SeqKind::Aa) {
            if (!((c >= u'A' && c <= u'Z') || c == u'*'))
                return i;
        } else if (!allowed.contains(c)) {
            return i;
        }
    }
    return -1;
}

QString badLettersMessage(const QString &field, const QString &letters, qsizetype at, SeqKind kind)
{
    return u"Field '%1' holds '%2' at position %3, which is not a %4."_s.arg(
        field, letters.mid(at, 1), QString::number(at), alphabetOf(kind));
}

QByteArray extractRange(const QByteArray &bases, qint64 start, qint64 end)
{
    const qint64 length = bases.size();
    const qint64 stop = end == 0 ? length : end;
    if (start < stop)
        return bases.mid(start, stop - start);
    return bases.mid(start) + bases.left(stop); // across the origin (or the whole circle)
}

std::optional<ApiFailure> checkFolder(Resources &resources, const QString &folderId)
{
    if (const auto row = resources.find(folderId)) {
        if (row->kind == u"folder"_s)
            return std::nullopt;
    } else if (folderId.startsWith(u"lib_"_s)) {
        SqlConditions folders;
        folders.add(u"r.kind = 'folder'"_s);
        if (resources.count(folders) == 0)
            return std::nullopt;
    }
    return ApiFailure::badRequest(u"No folder has the id %1."_s.arg(folderId), folderId);
}

std::optional<ApiFailure> applySequenceBody(Resources &resources, SeqKind kind, JsonBody &body,
                                            ResourceRow &row, bool creating)
{
    const KindInfo info = kindInfo(kind);
    const QString basesKey = info.basesKey();
    QStringList allowed{u"aliases"_s,     u"authorIds"_s,       basesKey,  u"customFields"_s,
                        u"fields"_s,      u"folderId"_s,        u"name"_s, u"schemaId"_s,
                        u"annotations"_s, u"entityRegistryId"_s};
    if (info.fullSequence())
        allowed << u"isCircular"_s << u"parts"_s << u"primers"_s << u"translations"_s;
    if (info.rna() || info.oligo())
        allowed << u"helm"_s << u"customNotation"_s << u"customNotationName"_s;
    if (creating)
        allowed << u"registryId"_s << u"namingStrategy"_s;
    body.allowOnly(allowed);
    if (creating) {
        QStringList required{u"name"_s};
        if (!info.oligo())
            required << basesKey;
        if (info.fullSequence())
            required << u"isCircular"_s;
        body.require(required);
    }
    QJsonObject &data = row.data;
    row.name = body.string(u"name"_s, row.name);
    if (body.has(u"name"_s) && row.name.trimmed().isEmpty())
        body.fail(u"Field 'name' must not be empty."_s);
    if (body.has(basesKey) || creating) {
        const QString letters = body.string(basesKey);
        if (const qsizetype at = firstBadLetter(letters, kind); at >= 0 && body.ok())
            return ApiFailure::badRequest(badLettersMessage(basesKey, letters, at, kind));
        data.insert(basesKey, letters);
    }
    if (info.fullSequence() && body.has(u"isCircular"_s))
        data.insert(u"isCircular"_s, body.boolean(u"isCircular"_s));
    if (body.has(u"aliases"_s) || creating)
        data.insert(u"aliases"_s, QJsonArray::fromStringList(body.stringList(u"aliases"_s)));
    if (body.has(u"fields"_s) || creating)
        data.insert(u"fields"_s, body.object(u"fields"_s));
    if (body.has(u"customFields"_s) || creating)
        data.insert(u"customFields"_s, body.object(u"customFields"_s));
    for (const QString &key : {u"entityRegistryId"_s, u"registryId"_s, u"helm"_s,
                               u"customNotation"_s, u"customNotationName"_s}) {
        if (body.has(key))
            data.insert(key, nullableJson(body.optionalString(key).value_or(QString())));
    }
    if (body.has(u"namingStrategy"_s)) {
        body.oneOf(u"namingStrategy"_s, {u"NEW_IDS"_s, u"IDS_FROM_NAMES"_s, u"DELETE_NAMES"_s,
                                         u"SET_FROM_NAME_PARTS"_s, u"REPLACE_NAMES_FROM_PARTS"_s,
                                         u"KEEP_NAMES"_s, u"REPLACE_ID_AND_NAME_FROM_PARTS"_s});
    }
    if (body.has(u"parts"_s))
        data.insert(u"parts"_s, body.array(u"parts"_s));
    if (info.oligo())
        data.insert(u"nucleotideType"_s, info.rna() ? u"RNA"_s : u"DNA"_s);
    const QStringList authorIds = body.stringList(u"authorIds"_s);
    const QJsonArray annotationsIn = body.array(u"annotations"_s);
    const QJsonArray primersIn = body.array(u"primers"_s);
    const QJsonArray translationsIn = body.array(u"translations"_s);
    std::optional<QString> folderId;
    if (body.has(u"folderId"_s))
        folderId = body.optionalString(u"folderId"_s).value_or(QString());
    if (body.has(u"schemaId"_s))
        row.schemaId = body.optionalString(u"schemaId"_s).value_or(QString());
    if (!body.ok())
        return body.failure();

    if (folderId) {
        if (!folderId->isEmpty()) {
            if (auto failure = checkFolder(resources, *folderId))
                return failure;
        }
        row.parentId = folderId->isEmpty() ? QString() : *folderId;
    }
    if (body.has(u"authorIds"_s)) {
        QString missing;
        const QJsonArray authors = userSummaries(resources, authorIds, &missing);
        if (!missing.isEmpty())
            return ApiFailure::badRequest(u"No user has the id %1 (authorIds)."_s.arg(missing),
                                          missing);
        data.insert(u"authors"_s, authors);
    }
    const qint64 length = data.value(basesKey).toString().size();
    const bool circular = data.value(u"isCircular"_s).toBool();
    QString error;
    if (body.has(u"annotations"_s)) {
        const auto annotations = readAnnotations(annotationsIn, kind, length, circular, &error);
        if (!annotations)
            return ApiFailure::badRequest(error);
        data.insert(u"annotations"_s, *annotations);
    }
    if (body.has(u"primers"_s)) {
        const auto primers = readPrimers(resources, primersIn, kind, length, circular, &error);
        if (!primers)
            return ApiFailure::badRequest(error);
        data.insert(u"primers"_s, *primers);
    }
    if (body.has(u"translations"_s)) {
        const auto translations = readTranslations(translationsIn, length, circular, kind, &error);
        if (!translations)
            return ApiFailure::badRequest(error);
        data.insert(u"translations"_s, *translations);
    }
    recompute(resources, kind, row);
    return std::nullopt;
}

void recompute(Resources &resources, SeqKind kind, ResourceRow &row)
{
    const KindInfo info = kindInfo(kind);
    QJsonObject &data = row.data;
    const QByteArray bases = data.value(info.basesKey()).toString().toLatin1();
    const qint64 length = bases.size();
    const bool circular = data.value(u"isCircular"_s).toBool();
    QString error;
    // What no longer fits (the bases got shorter, or the sequence became linear) is dropped.
    const auto keepFitting = [&](const QString &key) {
        QJsonArray kept;
        for (const QJsonValue &item : data.value(key).toArray()) {
            const QJsonObject object = item.toObject();
            bool fits = bool(readRange(object, key, length, circular, &error));
            for (const QJsonValue &region : object.value(u"regions"_s).toArray())
                fits = fits && bool(readRange(region.toObject(), key, length, circular, &error));
            if (fits)
                kept.append(item);
        }
        data.insert(key, kept);
    };
    keepFitting(u"annotations"_s);
    if (!info.fullSequence())
        return;
    keepFitting(u"primers"_s);
    keepFitting(u"translations"_s);
    QJsonArray translations;
    for (const QJsonValue &item : data.value(u"translations"_s).toArray()) {
        QJsonObject translation = item.toObject();
        translation.insert(u"aminoAcids"_s,
                           QString::fromLatin1(translationAminoAcids(bases, translation)));
        translations.append(translation);
    }
    data.insert(u"translations"_s, translations);
    QJsonArray primers;
    for (const QJsonValue &item : data.value(u"primers"_s).toArray()) {
        QJsonObject primer = item.toObject();
        const qint64 start = primer[u"start"_s].toInteger();
        const qint64 end = primer[u"end"_s].toInteger();
        QByteArray bound = extractRange(bases, start, end);
        if (primer[u"strand"_s].toInt() == -1)
            bound = bio::reverseComplement(bound);
        QString primerBases = QString::fromLatin1(bound);
        if (const QString oligoId = primer[u"oligoId"_s].toString(); !oligoId.isEmpty()) {
            if (const auto oligo = resources.find(oligoId)) {
                primerBases = oligo->data.value(u"bases"_s).toString();
                if (!primer.contains(u"name"_s))
                    primer.insert(u"name"_s, oligo->name);
            }
        } else if (primer.contains(u"bases"_s)) {
            primerBases = primer[u"bases"_s].toString();
        }
        primer.insert(u"bases"_s, primerBases);
        primer.insert(u"bindPosition"_s, start);
        primer.insert(u"overhangLength"_s,
                      qMax<qint64>(0, primerBases.size() - qint64(bound.size())));
        primers.append(primer);
    }
    data.insert(u"primers"_s, primers);
}

namespace {

// The API writes the end of the sequence as 0.
QJsonArray withApiEnds(const QJsonArray &items, qint64 length)
{
    QJsonArray out;
    for (const QJsonValue &item : items) {
        QJsonObject object = item.toObject();
        if (object.value(u"end"_s).toInteger() == length)
            object.insert(u"end"_s, 0);
        if (object.contains(u"regions"_s))
            object.insert(u"regions"_s, withApiEnds(object.value(u"regions"_s).toArray(), length));
        out.append(object);
    }
    return out;
}

} // namespace

QJsonObject sequenceJson(SeqKind kind, const QString &baseUrl, const ResourceRow &row)
{
    const KindInfo info = kindInfo(kind);
    const QJsonObject &data = row.data;
    static const QHash<SeqKind, QString> paths{{SeqKind::Dna, u"dna-sequences"_s},
                                               {SeqKind::Rna, u"rna-sequences"_s},
                                               {SeqKind::Aa, u"aa-sequences"_s},
                                               {SeqKind::DnaOligo, u"dna-oligos"_s},
                                               {SeqKind::RnaOligo, u"rna-oligos"_s}};
    const QString path = paths.value(kind);
    const QString letters = data.value(info.basesKey()).toString();
    QJsonObject json{
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {info.basesKey(), letters},
        {u"length"_s, letters.size()},
        {u"aliases"_s, data.value(u"aliases"_s).toArray()},
        {u"annotations"_s, withApiEnds(data.value(u"annotations"_s).toArray(), letters.size())},
        {u"apiURL"_s, QString(baseUrl + u"/api/v2/"_s + path + u'/' + row.id)},
        {u"webURL"_s, QString(baseUrl + u'/' + path + u'/' + row.id)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"authors"_s, data.value(u"authors"_s).toArray()},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"creator"_s, creatorJson(row)},
        {u"customFields"_s, data.value(u"customFields"_s).toObject()},
        {u"fields"_s, data.value(u"fields"_s).toObject()},
        {u"entityRegistryId"_s, data.value(u"entityRegistryId"_s).isString()
                                    ? data.value(u"entityRegistryId"_s)
                                    : QJsonValue(QJsonValue::Null)},
        {u"registryId"_s, data.value(u"registryId"_s).isString() ? data.value(u"registryId"_s)
                                                                 : QJsonValue(QJsonValue::Null)},
        {u"folderId"_s, nullableJson(row.parentId)},
        {u"registrationOrigin"_s, QJsonValue::Null},
        {u"schema"_s, schemaSummaryJson(row)},
    };
    if (info.fullSequence()) {
        json.insert(u"isCircular"_s, data.value(u"isCircular"_s).toBool());
        // The spec's Primer has no nullable property: an unknown oligoId (a GenBank primer
        // that no oligo matched) is left out rather than sent as null.
        QJsonArray primers;
        for (const QJsonValue &item :
             withApiEnds(data.value(u"primers"_s).toArray(), letters.size())) {
            QJsonObject primer = item.toObject();
            for (const QString &key : primer.keys()) {
                if (primer.value(key).isNull())
                    primer.remove(key);
            }
            primers.append(primer);
        }
        json.insert(u"primers"_s, primers);
        json.insert(u"translations"_s,
                    withApiEnds(data.value(u"translations"_s).toArray(), letters.size()));
        json.insert(u"parts"_s, data.value(u"parts"_s).toArray());
        json.insert(u"url"_s, QString(baseUrl + u'/' + path + u'/' + row.id));
    }
    if (kind == SeqKind::Dna) {
        json.insert(u"dnaAlignmentIds"_s, QJsonArray());
        json.insert(u"transcriptions"_s, QJsonArray());
    }
    if (kind == SeqKind::Rna)
        json.insert(u"alignmentIds"_s, QJsonArray());
    if (kind == SeqKind::Aa)
        json.insert(u"url"_s, QString(baseUrl + u'/' + path + u'/' + row.id));
    if (info.rna() || info.oligo()) {
        for (const QString &key : {u"helm"_s, u"customNotation"_s, u"customNotationName"_s}) {
            // Oligo.helm is a string, not nullable: an oligo without HELM leaves it out.
            if (key == u"helm"_s && info.oligo() && !data.value(key).isString())
                continue;
            json.insert(key, data.value(key).isString() ? data.value(key)
                                                        : QJsonValue(QJsonValue::Null));
        }
    }
    if (info.oligo())
        json.insert(u"nucleotideType"_s, info.rna() ? u"RNA"_s : u"DNA"_s);
    return json;
}

QString basesHash(const QString &bases)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(bases.toUpper().toUtf8(), QCryptographicHash::Sha1).toHex());
}

QStringList indexMigration()
{
    return {
        u"CREATE TABLE sequence_index (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
        "bases TEXT NOT NULL DEFAULT '', bases_hash TEXT NOT NULL DEFAULT '', "
        "registry_id TEXT, entity_registry_id TEXT, feature_type TEXT, match_type TEXT)"_s,
        // Exact-match lookups go through a hash: PostgreSQL cannot index a whole plasmid's
        // bases (a btree row holds at most ~2.7 kB).
        u"CREATE INDEX sequence_index_bases ON sequence_index(kind, bases_hash)"_s,
    };
}

std::optional<ApiFailure> writeIndex(Database &db, const ResourceRow &row)
{
    const QJsonObject &data = row.data;
    QString bases = data.value(u"bases"_s).toString();
    if (row.kind == u"aa_sequence"_s)
        bases = data.value(u"aminoAcids"_s).toString();
    if (row.kind == u"feature"_s)
        bases = data.value(u"pattern"_s).toString();
    const auto text = [&](const QString &key) {
        return data.value(key).isString() ? QVariant(data.value(key).toString())
                                          : QVariant(QMetaType(QMetaType::QString));
    };
    QSqlQuery removed = db.exec(u"DELETE FROM sequence_index WHERE id = ?"_s, {row.id});
    if (removed.lastError().isValid())
        return ApiFailure::internal();
    QSqlQuery inserted =
        db.exec(u"INSERT INTO sequence_index (id, kind, bases, bases_hash, registry_id, "
                "entity_registry_id, feature_type, match_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {row.id, row.kind, bases.toUpper(), basesHash(bases), text(u"registryId"_s),
                 text(u"entityRegistryId"_s), text(u"featureType"_s), text(u"matchType"_s)});
    if (inserted.lastError().isValid())
        return ApiFailure::internal();
    return std::nullopt;
}

} // namespace benchtop::server::sequences
