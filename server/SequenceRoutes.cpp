// The sequence part of the API: DNA/RNA/AA sequences, DNA/RNA oligos (and the older /oligos),
// feature libraries and features on the shared resource routes, plus the sequence actions
// (search and match, auto-annotate, autofill translations, codon optimisation and back
// translation) and the read-only catalogues (enzymes from REBASE, codon usage tables).
#include "SequenceRoutes.h"

#include "Ids.h"
#include "Tasks.h"
#include "sequences/Catalogues.h"
#include "sequences/SequenceModel.h"
#include "storage/Database.h"
#include "storage/DemoData.h"
#include "storage/Migrations.h"

#include "bio/ApiJson.h"
#include "bio/CodonUsage.h"
#include "bio/FeatureAnnotator.h"
#include "bio/GenBank.h"
#include "bio/RestrictionEnzymes.h"
#include "bio/SequenceSearch.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace benchtop::server {

using sequences::KindInfo;
using sequences::SeqKind;

namespace {

const QStringList kEntityArchiveReasons = {u"Made in error"_s, u"Retired"_s,      u"Expended"_s,
                                           u"Shipped"_s,       u"Contaminated"_s, u"Expired"_s,
                                           u"Missing"_s,       u"Other"_s};

// List filters the sequence kinds share beyond the generic ones.
std::optional<ApiFailure> sequenceFilters(const KindInfo &info, const RequestContext &context,
                                          SqlConditions &where)
{
    const QUrlQuery &query = context.request.query;
    const QString lettersParam = info.basesKey();
    if (query.hasQueryItem(lettersParam)) {
        const QString letters = queryValue(context, lettersParam);
        if (const qsizetype at = sequences::firstBadLetter(letters, info.kind); at >= 0)
            return ApiFailure::badRequest(
                sequences::badLettersMessage(lettersParam, letters, at, info.kind));
        where.add(u"r.id IN (SELECT id FROM sequence_index WHERE kind = ? AND bases_hash = ? "
                  "AND bases = ?)"_s,
                  {info.resourceKind, sequences::basesHash(letters), letters.toUpper()});
    }
    if (query.hasQueryItem(u"registryId"_s)) {
        const QString registry = queryValue(context, u"registryId"_s);
        if (registry.isEmpty() || registry == u"null"_s)
            where.add(u"r.id IN (SELECT id FROM sequence_index WHERE registry_id IS NULL)"_s);
        else
            where.add(u"r.id IN (SELECT id FROM sequence_index WHERE registry_id = ?)"_s,
                      {registry});
    }
    if (const QStringList ids = splitList(queryValue(context, u"entityRegistryIds.anyOf"_s));
        !ids.isEmpty()) {
        SqlConditions in;
        in.addIn(u"entity_registry_id"_s, ids);
        where.add(u"r.id IN (SELECT id FROM sequence_index WHERE "_s + in.clauses.first() + u')',
                  in.bindings);
    }
    if (const QStringList authors = splitList(queryValue(context, u"authorIds.anyOf"_s));
        !authors.isEmpty()) {
        QStringList alternatives;
        QVariantList bindings;
        for (const QString &author : authors) {
            alternatives.append(u"r.data LIKE ?"_s);
            bindings.append(QString(u"%\"id\":\""_s + author + u"\"%"_s));
        }
        where.add(u'(' + alternatives.join(u" OR "_s) + u')', bindings);
    }
    for (const QString &param : {u"mentionedIn"_s, u"mentions"_s, u"projectId"_s}) {
        if (query.hasQueryItem(param))
            return ApiFailure::badRequest(
                u"Filtering on %1 is not supported by this server yet."_s.arg(param));
    }
    return std::nullopt;
}

ResourceType sequenceType(ServerContext &server, SeqKind kind, const QString &collection,
                          const QString &listKey, const QString &idParam, const QString &idsKey,
                          const QString &noun)
{
    const KindInfo info = sequences::kindInfo(kind);
    ResourceType type;
    type.kind = info.resourceKind;
    type.idPrefix = info.idPrefix;
    type.collection = collection;
    type.listKey = listKey;
    type.idParam = idParam;
    type.idsKey = idsKey;
    type.noun = noun;
    type.archiveReasons = kEntityArchiveReasons;
    type.parentFilter = u"folderId"_s;
    ServerContext *s = &server;
    type.toJson = [kind](const RequestContext &context, const ResourceRow &row) {
        return sequences::sequenceJson(kind, context.baseUrl, row);
    };
    const auto apply = [s, kind](JsonBody &body, ResourceRow &row, bool creating) {
        if (auto failure = sequences::applySequenceBody(s->resources, kind, body, row, creating))
            return failure;
        if (!body.ok())
            return body.failure();
        return sequences::writeIndex(s->db, row);
    };
    type.create = [apply](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return apply(body, row, true);
    };
    type.update = [apply](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return apply(body, row, false);
    };
    type.filters = [info](const RequestContext &context, SqlConditions &where) {
        return sequenceFilters(info, context, where);
    };
    return type;
}

// ---- search-bases / match-bases (and the amino-acid versions) ----

struct SearchRequest
{
    QString letters;
    PageRequest page;
    SqlConditions where;
};

// Reads the shared part of the search/match bodies; `lettersKey` is "bases" or "aminoAcids".
std::variant<SearchRequest, ApiFailure> readSearchRequest(const RequestContext &context,
                                                          const KindInfo &info,
                                                          const QString &lettersKey,
                                                          int minimumLength, bool withSchema)
{
    JsonBody body(context.request.body);
    QStringList allowed{lettersKey,    u"archiveReason"_s, u"nextToken"_s,
                        u"pageSize"_s, u"registryId"_s,    u"sort"_s};
    if (withSchema)
        allowed << u"schemaId"_s;
    body.allowOnly(allowed).require({lettersKey});
    SearchRequest request;
    request.letters = body.string(lettersKey);
    const QString archive = body.oneOf(
        u"archiveReason"_s, {u"NOT_ARCHIVED"_s, u"Other"_s, u"Archived"_s}, u"NOT_ARCHIVED"_s);
    const auto pageSize = body.integer(u"pageSize"_s);
    const QString token = body.string(u"nextToken"_s);
    const QString sort = body.oneOf(
        u"sort"_s, {u"modifiedAt:asc"_s, u"modifiedAt:desc"_s, u"name:asc"_s, u"name:desc"_s},
        u"modifiedAt:desc"_s);
    const QString schemaId = body.string(u"schemaId"_s);
    const bool hasRegistry = body.has(u"registryId"_s);
    const std::optional<QString> registry = body.optionalString(u"registryId"_s);
    if (!body.ok())
        return *body.failure();
    if (request.letters.size() < minimumLength) {
        return ApiFailure::badRequest(
            u"Field '%1' must hold at least %2 letters."_s.arg(lettersKey).arg(minimumLength));
    }
    if (const qsizetype at = sequences::firstBadLetter(request.letters, info.kind); at >= 0)
        return ApiFailure::badRequest(
            sequences::badLettersMessage(lettersKey, request.letters, at, info.kind));
    QUrlQuery query;
    if (pageSize)
        query.addQueryItem(u"pageSize"_s, QString::number(*pageSize));
    if (!token.isEmpty())
        query.addQueryItem(u"nextToken"_s, token);
    query.addQueryItem(u"sort"_s, sort);
    QString error;
    const auto page =
        parsePageRequest(query, {{u"modifiedAt"_s, u"r.modified_at"_s}, {u"name"_s, u"r.name"_s}},
                         u"modifiedAt:desc"_s, &error);
    if (!page)
        return ApiFailure::badRequest(error);
    request.page = *page;
    request.where.add(u"r.kind = ?"_s, {info.resourceKind});
    if (archive == u"NOT_ARCHIVED"_s)
        request.where.add(u"r.archive_reason IS NULL"_s);
    else if (archive == u"Archived"_s)
        request.where.add(u"r.archive_reason IS NOT NULL"_s);
    else
        request.where.add(u"r.archive_reason = ?"_s, {archive});
    if (!schemaId.isEmpty())
        request.where.add(u"r.schema_id = ?"_s, {schemaId});
    if (hasRegistry) {
        if (registry)
            request.where.add(u"r.id IN (SELECT id FROM sequence_index WHERE registry_id = ?)"_s,
                              {*registry});
        else
            request.where.add(
                u"r.id IN (SELECT id FROM sequence_index WHERE registry_id IS NULL)"_s);
    }
    return request;
}

// One page of rows matching `where`, as list routes answer.
http::HttpResponse pageOf(ServerContext &server, const ResourceType &type,
                          const RequestContext &context, SearchRequest &request)
{
    request.page.constrain(&request.where, u"r.id"_s);
    const QString select =
        u"SELECT "_s + request.page.sort.expression + u", "_s + Resources::selectSql().mid(7);
    QSqlQuery rows =
        server.db.exec(select + request.where.whereSql() + request.page.orderAndLimitSql(u"r.id"_s),
                       request.where.bindings);
    if (rows.lastError().isValid())
        return internalError();
    QJsonArray items;
    QString lastSortValue;
    QString lastId;
    bool more = false;
    while (rows.next()) {
        if (items.size() == request.page.pageSize) {
            more = true;
            break;
        }
        lastSortValue = rows.value(0).toString();
        const ResourceRow row = Resources::read(rows, 1);
        lastId = row.id;
        items.append(type.toJson(context, row));
    }
    return jsonResponse(
        200, {{type.listKey, items},
              {u"nextToken"_s, more ? request.page.tokenAfter(lastSortValue, lastId) : QString()}});
}

// IUPAC-aware containment of `pattern` in an amino-acid sequence (X any residue, B D/N, Z E/Q,
// J I/L), case-insensitive.
bool containsPeptide(const QByteArray &protein, const QByteArray &pattern)
{
    const auto matches = [](char p, char s) {
        p = char(toupper(p));
        s = char(toupper(s));
        if (p == s)
            return true;
        switch (p) {
        case 'X':
            return s != '*';
        case 'B':
            return s == 'D' || s == 'N';
        case 'Z':
            return s == 'E' || s == 'Q';
        case 'J':
            return s == 'I' || s == 'L';
        default:
            return false;
        }
    };
    for (qsizetype i = 0; i + pattern.size() <= protein.size(); ++i) {
        qsizetype j = 0;
        while (j < pattern.size() && matches(pattern[j], protein[i + j]))
            ++j;
        if (j == pattern.size())
            return true;
    }
    return false;
}

void addSearchRoutes(Router &router, ServerContext &server, const ResourceType &type,
                     const KindInfo &info)
{
    const QString base = u"/api/v2/"_s + type.collection;
    auto shared = std::make_shared<const ResourceType>(type);
    ServerContext *s = &server;
    const QString lettersKey = info.basesKey();
    const bool protein = info.kind == SeqKind::Aa;
    const QString searchPath = protein ? u":search-amino-acids"_s : u":search-bases"_s;
    const QString matchPath = protein ? u":match-amino-acids"_s : u":match-bases"_s;
    // Contains the pattern: on either strand, IUPAC-aware, across the origin of circular ones.
    router.add(
        "POST", base + searchPath, [s, shared, info, lettersKey, protein](const RequestContext &c) {
            auto read = readSearchRequest(c, info, lettersKey, protein ? 3 : 8, !protein);
            if (auto *failure = std::get_if<ApiFailure>(&read))
                return failure->response();
            SearchRequest &request = std::get<SearchRequest>(read);
            const QByteArray pattern = request.letters.toLatin1();
            QSqlQuery rows =
                s->db.exec(u"SELECT r.id, r.data FROM resources r"_s + request.where.whereSql(),
                           request.where.bindings);
            if (rows.lastError().isValid())
                return internalError();
            QStringList hits;
            while (rows.next()) {
                const QJsonObject data =
                    QJsonDocument::fromJson(rows.value(1).toString().toUtf8()).object();
                const QByteArray letters = data.value(lettersKey).toString().toLatin1();
                bool found = false;
                if (protein) {
                    found = containsPeptide(letters, pattern);
                } else {
                    bio::NucleotideSearchOptions options;
                    options.circular = data.value(u"isCircular"_s).toBool();
                    found = !bio::findNucleotides(letters, pattern, options).isEmpty();
                }
                if (found)
                    hits.append(rows.value(0).toString());
            }
            if (hits.isEmpty())
                request.where.add(u"1 = 0"_s);
            else
                request.where.addIn(u"r.id"_s, hits);
            return pageOf(*s, *shared, c, request);
        });
    // Exactly the given letters (case-insensitive).
    router.add("POST", base + matchPath, [s, shared, info, lettersKey](const RequestContext &c) {
        auto read = readSearchRequest(c, info, lettersKey, 0, false);
        if (auto *failure = std::get_if<ApiFailure>(&read))
            return failure->response();
        SearchRequest &request = std::get<SearchRequest>(read);
        request.where.add(
            u"r.id IN (SELECT id FROM sequence_index WHERE kind = ? AND "
            "bases_hash = ? AND bases = ?)"_s,
            {info.resourceKind, sequences::basesHash(request.letters), request.letters.toUpper()});
        return pageOf(*s, *shared, c, request);
    });
}

// ---- actions that change sequences in a task ----

// Reads a list of ids that must all be rows of `kind`; a failure names the missing ones.
std::optional<ApiFailure> checkIds(Resources &resources, const QString &kind, const QString &key,
                                   const QStringList &ids, const QString &noun, int maximum)
{
    if (ids.isEmpty())
        return ApiFailure::badRequest(u"Field '%1' must name at least one %2."_s.arg(key, noun));
    if (ids.size() > maximum)
        return ApiFailure::badRequest(u"Field '%1' takes at most %2 ids."_s.arg(key).arg(maximum));
    QStringList missing;
    for (const QString &id : ids) {
        if (!resources.find(kind, id))
            missing.append(id);
    }
    if (!missing.isEmpty()) {
        return ApiFailure::badRequest(
            u"No %1 has these ids (%2): %3"_s.arg(noun, key, missing.join(u", "_s)),
            missing.first());
    }
    return std::nullopt;
}

qint64 storedEnd(qint64 end, qint64 length)
{
    return end > length ? end - length : end; // across the origin: the part after it
}

void addAnnotationRoutes(Router &router, ServerContext &server, const KindInfo &info,
                         const QString &collection, const QString &idsKey, const QString &noun)
{
    ServerContext *s = &server;
    const QString base = u"/api/v2/"_s + collection;
    router.add(
        "POST", base + u":auto-annotate"_s, [s, info, idsKey, noun](const RequestContext &c) {
            JsonBody body(c.request.body);
            body.allowOnly({idsKey, u"featureLibraryIds"_s})
                .require({idsKey, u"featureLibraryIds"_s});
            const QStringList ids = body.stringList(idsKey);
            const QStringList libraries = body.stringList(u"featureLibraryIds"_s);
            if (!body.ok())
                return body.failure()->response();
            if (auto failure = checkIds(s->resources, info.resourceKind, idsKey, ids, noun,
                                        info.kind == SeqKind::Rna ? 1000 : 2000))
                return failure->response();
            if (auto failure = checkIds(s->resources, u"feature_library"_s, u"featureLibraryIds"_s,
                                        libraries, u"feature library"_s, 1000))
                return failure->response();
            return s->tasks.start(c, [s, info, ids, libraries]() {
                SqlConditions where;
                where.add(u"r.kind = 'feature'"_s);
                where.addIn(u"r.parent_id"_s, libraries);
                const QList<ResourceRow> features = s->resources.select(where, u"ORDER BY r.id"_s);
                QList<bio::LibraryFeature> nucleotide;
                QList<const ResourceRow *> nucleotideRows;
                QList<const ResourceRow *> proteinRows;
                for (const ResourceRow &feature : features) {
                    const QString type = feature.data.value(u"featureType"_s).toString();
                    if (feature.data.value(u"matchType"_s).toString() == u"protein"_s) {
                        proteinRows.append(&feature);
                        continue;
                    }
                    QByteArray pattern =
                        feature.data.value(u"pattern"_s).toString().toUpper().toLatin1();
                    pattern.replace('U', 'T');
                    nucleotide.append({feature.id, feature.name,
                                       type.isEmpty() ? u"misc_feature"_s : type, pattern});
                    nucleotideRows.append(&feature);
                }
                const bio::FeatureAnnotator annotator(nucleotide);
                for (const QString &id : ids) {
                    auto row = s->resources.find(info.resourceKind, id);
                    if (!row)
                        continue;
                    QByteArray letters =
                        row->data.value(info.basesKey()).toString().toUpper().toLatin1();
                    const qint64 length = letters.size();
                    const bool circular = row->data.value(u"isCircular"_s).toBool();
                    QJsonArray annotations = row->data.value(u"annotations"_s).toArray();
                    const auto add = [&](qint64 start, qint64 end, int strand,
                                         const ResourceRow &feature) {
                        QJsonObject annotation{{u"start"_s, start},
                                               {u"end"_s, storedEnd(end, length)},
                                               {u"name"_s, feature.name}};
                        const QString type = feature.data.value(u"featureType"_s).toString();
                        annotation.insert(u"type"_s, type.isEmpty() ? u"misc_feature"_s : type);
                        if (info.nucleotide())
                            annotation.insert(u"strand"_s, strand);
                        if (const QString color = feature.data.value(u"color"_s).toString();
                            !color.isEmpty())
                            annotation.insert(u"color"_s, color);
                        for (const QJsonValue &existing : std::as_const(annotations)) {
                            const QJsonObject e = existing.toObject();
                            if (e[u"start"_s] == annotation[u"start"_s] &&
                                e[u"end"_s] == annotation[u"end"_s] &&
                                e[u"strand"_s] == annotation[u"strand"_s] &&
                                e[u"name"_s] == annotation[u"name"_s])
                                return;
                        }
                        annotations.append(annotation);
                    };
                    if (info.nucleotide()) {
                        letters.replace('U', 'T');
                        const auto hits = annotator.annotate(
                            letters, circular ? bio::Topology::Circular : bio::Topology::Linear);
                        for (const bio::FeatureHit &hit : hits)
                            add(hit.start, hit.end, int(hit.strand), *nucleotideRows[hit.feature]);
                        for (const ResourceRow *feature : std::as_const(proteinRows)) {
                            bio::ProteinSearchOptions options;
                            options.circular = circular;
                            const QByteArray peptide =
                                feature->data.value(u"pattern"_s).toString().toLatin1();
                            for (const bio::SearchHit &hit :
                                 bio::findProtein(letters, peptide, options))
                                add(hit.start, hit.end, int(hit.strand), *feature);
                        }
                    } else {
                        for (const ResourceRow *feature : std::as_const(proteinRows)) {
                            const QByteArray peptide =
                                feature->data.value(u"pattern"_s).toString().toUpper().toLatin1();
                            for (qsizetype at = letters.indexOf(peptide);
                                 at >= 0 && !peptide.isEmpty();
                                 at = letters.indexOf(peptide, at + 1))
                                add(at, at + peptide.size(), 0, *feature);
                        }
                    }
                    row->data.insert(u"annotations"_s, annotations);
                    if (auto failure = s->resources.update(*row))
                        return TaskOutcome::failure(failure->message);
                }
                return TaskOutcome{true, {}, {}, {}};
            });
        });
    if (info.kind == SeqKind::Aa)
        return;
    router.add("POST", base + u":autofill-translations"_s,
               [s, info, idsKey, noun](const RequestContext &c) {
                   JsonBody body(c.request.body);
                   body.allowOnly({idsKey}).require({idsKey});
                   const QStringList ids = body.stringList(idsKey);
                   if (!body.ok())
                       return body.failure()->response();
                   if (auto failure = checkIds(s->resources, info.resourceKind, idsKey, ids, noun,
                                               info.kind == SeqKind::Rna ? 1000 : 2000))
                       return failure->response();
                   return s->tasks.start(c, [s, info, ids]() {
                       for (const QString &id : ids) {
                           auto row = s->resources.find(info.resourceKind, id);
                           if (!row)
                               continue;
                           QJsonArray translations = row->data.value(u"translations"_s).toArray();
                           for (const QJsonValue &item :
                                row->data.value(u"annotations"_s).toArray()) {
                               const QJsonObject annotation = item.toObject();
                               if (annotation.value(u"type"_s).toString().compare(
                                       u"CDS"_s, Qt::CaseInsensitive) != 0 ||
                                   annotation.value(u"strand"_s).toInt() == 0)
                                   continue;
                               bool exists = false;
                               for (const QJsonValue &t : std::as_const(translations)) {
                                   exists = exists || (t[u"start"_s] == annotation[u"start"_s] &&
                                                       t[u"end"_s] == annotation[u"end"_s] &&
                                                       t[u"strand"_s] == annotation[u"strand"_s]);
                               }
                               if (exists)
                                   continue;
                               QJsonObject translation{
                                   {u"start"_s, annotation[u"start"_s]},
                                   {u"end"_s, annotation[u"end"_s]},
                                   {u"strand"_s, annotation[u"strand"_s]},
                                   {u"regions"_s,
                                    QJsonArray{QJsonObject{{u"start"_s, annotation[u"start"_s]},
                                                           {u"end"_s, annotation[u"end"_s]}}}},
                                   {u"geneticCode"_s, u"STANDARD"_s},
                                   {u"coerceStartCodonToMethionine"_s, false},
                               };
                               if (annotation.contains(u"name"_s))
                                   translation.insert(u"name"_s, annotation[u"name"_s]);
                               translations.append(translation);
                           }
                           row->data.insert(u"translations"_s, translations);
                           sequences::recompute(s->resources, info.kind, *row);
                           if (auto failure = s->resources.update(*row))
                               return TaskOutcome::failure(failure->message);
                       }
                       return TaskOutcome{true, {}, {}, {}};
                   });
               });
}

// ---- codon optimisation and back translation ----

struct CodonRequest
{
    QStringList ids;
    QString folderId;
    QString schemaId;
    bio::CodonUsageTable table;
    QList<QByteArray> avoided;
    double gcMin = 0;
    double gcMax = 1;
};

std::variant<CodonRequest, ApiFailure> readCodonRequest(ServerContext &server, JsonBody &body,
                                                        const QString &idsKey, const QString &kind,
                                                        const QString &noun)
{
    body.allowOnly({idsKey, u"avoidedCutsiteEnzymeIds"_s, u"codonUsageTableId"_s, u"folderId"_s,
                    u"gcContent"_s, u"gcContentRange"_s, u"hairpinParameters"_s, u"method"_s,
                    u"reducedPatterns"_s, u"schemaId"_s, u"shouldDepleteUridine"_s})
        .require({idsKey, u"folderId"_s});
    CodonRequest request;
    request.ids = body.stringList(idsKey);
    request.folderId = body.string(u"folderId"_s);
    request.schemaId = body.string(u"schemaId"_s);
    const QStringList enzymeIds = body.stringList(u"avoidedCutsiteEnzymeIds"_s);
    const QString tableId = body.string(u"codonUsageTableId"_s);
    const QString gcContent =
        body.oneOf(u"gcContent"_s, {u"ANY"_s, u"LOW"_s, u"MEDIUM"_s, u"HIGH"_s});
    const QJsonObject range = body.object(u"gcContentRange"_s);
    body.object(u"hairpinParameters"_s);
    body.oneOf(u"method"_s, {u"MATCH_CODON_USAGE"_s, u"USE_BEST_CODON"_s});
    const QJsonArray patterns = body.array(u"reducedPatterns"_s);
    const bool depleteUridine = body.boolean(u"shouldDepleteUridine"_s);
    if (!body.ok())
        return *body.failure();
    if (auto failure = checkIds(server.resources, kind, idsKey, request.ids, noun, 1000))
        return *failure;
    if (auto failure = sequences::checkFolder(server.resources, request.folderId))
        return *failure;
    if (!request.schemaId.isEmpty()) {
        if (auto failure = resource_ops::checkSchema(server, QString(), request.schemaId))
            return *failure;
    }
    if (tableId.isEmpty()) {
        return ApiFailure::badRequest(
            u"Field 'codonUsageTableId' is required: this server optimises codons for a codon "
            "usage table (GET /codon-usage-tables lists them)."_s);
    }
    const auto table = sequences::codonTableById(tableId);
    if (!table)
        return ApiFailure::badRequest(u"No codon usage table has the id %1."_s.arg(tableId),
                                      tableId);
    request.table = *table;
    for (const QString &enzymeId : enzymeIds) {
        const bio::RestrictionEnzyme *enzyme = sequences::enzymeById(enzymeId);
        if (!enzyme)
            return ApiFailure::badRequest(u"No enzyme has the id %1."_s.arg(enzymeId), enzymeId);
        request.avoided.append(enzyme->site);
    }
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        const QJsonObject pattern = patterns[i].toObject();
        const QString text = pattern.value(u"pattern"_s).toString();
        for (auto it = pattern.begin(); it != pattern.end(); ++it) {
            if (it.key() != u"pattern"_s && it.key() != u"avoidReverseComplement"_s)
                return ApiFailure::badRequest(
                    u"reducedPatterns[%1] has an unknown field '%2'."_s.arg(i).arg(it.key()));
        }
        if (!patterns[i].isObject() || text.isEmpty() ||
            sequences::firstBadLetter(text, SeqKind::Dna) >= 0)
            return ApiFailure::badRequest(
                u"reducedPatterns[%1] needs a 'pattern' of DNA bases (IUPAC)."_s.arg(i));
        request.avoided.append(text.toUpper().toLatin1());
    }
    if (depleteUridine)
        return ApiFailure::badRequest(u"shouldDepleteUridine is not supported by this server."_s);
    if (!range.isEmpty()) {
        if (!gcContent.isEmpty())
            return ApiFailure::badRequest(u"Give either gcContent or gcContentRange, not both."_s);
        const QJsonValue min = range.value(u"min"_s);
        const QJsonValue max = range.value(u"max"_s);
        for (auto it = range.begin(); it != range.end(); ++it) {
            if (it.key() != u"min"_s && it.key() != u"max"_s)
                return ApiFailure::badRequest(
                    u"gcContentRange has an unknown field '%1'."_s.arg(it.key()));
        }
        if (!min.isDouble() || !max.isDouble() || min.toDouble() < 0 || max.toDouble() > 1 ||
            max.toDouble() <= min.toDouble())
            return ApiFailure::badRequest(
                u"gcContentRange needs numbers min and max between 0 and 1, max greater than "
                "min."_s);
        request.gcMin = min.toDouble();
        request.gcMax = max.toDouble();
    } else if (gcContent == u"LOW"_s) {
        request.gcMax = 0.33;
    } else if (gcContent == u"MEDIUM"_s) {
        request.gcMin = 0.33;
        request.gcMax = 0.66;
    } else if (gcContent == u"HIGH"_s) {
        request.gcMin = 0.66;
    }
    return request;
}

double gcFraction(const QByteArray &bases)
{
    if (bases.isEmpty())
        return 0;
    qsizetype gc = 0;
    for (const char c : bases)
        gc += (c == 'G' || c == 'C' || c == 'S' || c == 'g' || c == 'c' || c == 's');
    return double(gc) / double(bases.size());
}

void addCodonRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    // One route for both: optimize-codons reads DNA sequences, back-translate AA sequences.
    const auto add = [&](const QString &path, SeqKind source, const QString &idsKey,
                         const QString &noun, const QString &suffix) {
        router.add("POST", path, [s, source, idsKey, noun, suffix](const RequestContext &c) {
            const KindInfo info = sequences::kindInfo(source);
            JsonBody body(c.request.body);
            auto read = readCodonRequest(*s, body, idsKey, info.resourceKind, noun);
            if (auto *failure = std::get_if<ApiFailure>(&read))
                return failure->response();
            const CodonRequest request = std::get<CodonRequest>(read);
            const QString baseUrl = c.baseUrl;
            const QString creator = c.principal.userId;
            return s->tasks.start(c, [s, request, info, baseUrl, creator, suffix]() {
                QJsonArray created;
                QJsonArray errors;
                bio::CodonOptimizationOptions options;
                if (!request.avoided.isEmpty())
                    options.veto = bio::avoidSites(request.avoided);
                for (qsizetype i = 0; i < request.ids.size(); ++i) {
                    const auto original = s->resources.find(info.resourceKind, request.ids[i]);
                    if (!original)
                        continue;
                    QByteArray coding;
                    if (info.kind == SeqKind::Aa) {
                        coding = request.table.backTranslate(
                            original->data.value(u"aminoAcids"_s).toString().toUpper().toLatin1());
                    } else {
                        coding = original->data.value(u"bases"_s).toString().toUpper().toLatin1();
                    }
                    const bio::CodonOptimizationResult result =
                        bio::optimizeCodons(coding, request.table, options);
                    const auto fail = [&](const QString &message) {
                        errors.append(QJsonObject{{u"index"_s, int(i)},
                                                  {u"id"_s, original->id},
                                                  {u"message"_s, message}});
                    };
                    if (!result.error.isEmpty()) {
                        fail(result.error);
                        continue;
                    }
                    const double gc = gcFraction(result.sequence);
                    if (gc < request.gcMin || gc > request.gcMax) {
                        fail(u"The result's GC content %1 is outside %2-%3."_s.arg(gc, 0, 'f', 3)
                                 .arg(request.gcMin)
                                 .arg(request.gcMax));
                        continue;
                    }
                    if (!result.unresolved.isEmpty()) {
                        fail(u"%1 codons could not avoid the given sites."_s.arg(
                            result.unresolved.size()));
                        continue;
                    }
                    ResourceRow row;
                    row.id = newId(u"seq_"_s);
                    row.kind = u"dna_sequence"_s;
                    row.creatorId = creator;
                    row.name = original->name + suffix;
                    row.parentId = request.folderId;
                    row.schemaId = request.schemaId.isEmpty() ? QString() : request.schemaId;
                    row.data = {{u"bases"_s, QString::fromLatin1(result.sequence)},
                                {u"isCircular"_s, false},
                                {u"aliases"_s, QJsonArray()},
                                {u"fields"_s, QJsonObject()},
                                {u"customFields"_s, QJsonObject()},
                                {u"annotations"_s, QJsonArray()},
                                {u"primers"_s, QJsonArray()},
                                {u"translations"_s,
                                 QJsonArray{QJsonObject{
                                     {u"start"_s, 0},
                                     {u"end"_s, result.sequence.size()},
                                     {u"strand"_s, 1},
                                     {u"geneticCode"_s, u"STANDARD"_s},
                                     {u"coerceStartCodonToMethionine"_s, false},
                                     {u"regions"_s, QJsonArray{QJsonObject{
                                                        {u"start"_s, 0},
                                                        {u"end"_s, result.sequence.size()}}}}}}}};
                    if (result.sequence.isEmpty())
                        row.data.insert(u"translations"_s, QJsonArray());
                    sequences::recompute(s->resources, SeqKind::Dna, row);
                    if (auto failure = s->resources.insert(row))
                        return TaskOutcome::failure(failure->message);
                    if (auto failure = sequences::writeIndex(s->db, row))
                        return TaskOutcome::failure(failure->message);
                    const auto stored = s->resources.find(row.id);
                    created.append(sequences::sequenceJson(SeqKind::Dna, baseUrl, *stored));
                }
                if (!errors.isEmpty()) {
                    return TaskOutcome::failure(
                        u"%1 of %2 sequences could not be made; nothing was saved."_s
                            .arg(errors.size())
                            .arg(request.ids.size()),
                        errors);
                }
                return TaskOutcome{true, {{u"dnaSequences"_s, created}}, {}, {}};
            });
        });
    };
    add(u"/api/v2/dna-sequences:optimize-codons"_s, SeqKind::Dna, u"dnaSequenceIds"_s,
        u"DNA sequence"_s, u" (codon-optimized)"_s);
    add(u"/api/v2/aa-sequences:back-translate"_s, SeqKind::Aa, u"aaSequenceIds"_s, u"AA sequence"_s,
        u" (back-translated)"_s);
}

// ---- feature libraries and features ----

ResourceType featureLibraryType()
{
    ResourceType type = ResourceType::named(u"feature_library"_s, u"featlib_"_s,
                                            u"feature_libraries"_s, u"feature library"_s);
    type.toJson = [](const RequestContext &context, const ResourceRow &row) {
        return QJsonObject{
            {u"id"_s, row.id},
            {u"name"_s, row.name},
            {u"description"_s, row.data.value(u"description"_s).toString()},
            {u"createdAt"_s, row.createdAt},
            {u"modifiedAt"_s, row.modifiedAt},
            {u"owner"_s, creatorJson(row)},
            {u"webURL"_s, webUrl(context, u"feature-libraries"_s, row.id)},
        };
    };
    type.create = [](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"description"_s, u"organizationId"_s})
            .require({u"name"_s, u"description"_s});
        row.name = body.string(u"name"_s);
        row.data.insert(u"description"_s, body.string(u"description"_s));
        if (const QString organization = body.string(u"organizationId"_s);
            !organization.isEmpty() && body.ok())
            return std::optional(ApiFailure::badRequest(
                u"No organization has the id %1: this server has no organizations; leave "
                "organizationId out to own the library yourself."_s.arg(organization),
                organization));
        if (body.ok() && row.name.trimmed().isEmpty())
            body.fail(u"Field 'name' must not be empty."_s);
        return std::optional<ApiFailure>();
    };
    type.update = [](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"description"_s});
        row.name = body.string(u"name"_s, row.name);
        if (body.has(u"description"_s))
            row.data.insert(u"description"_s, body.string(u"description"_s));
        if (body.ok() && row.name.trimmed().isEmpty())
            body.fail(u"Field 'name' must not be empty."_s);
        return std::optional<ApiFailure>();
    };
    return type;
}

std::optional<ApiFailure> checkFeature(ServerContext &server, JsonBody &body, ResourceRow &row)
{
    if (!body.ok())
        return body.failure();
    if (row.name.trimmed().isEmpty())
        return ApiFailure::badRequest(u"Field 'name' must not be empty."_s);
    const auto library = server.resources.find(u"feature_library"_s, row.parentId);
    if (!library)
        return ApiFailure::badRequest(u"No feature library has the id %1."_s.arg(row.parentId),
                                      row.parentId);
    const QString pattern = row.data.value(u"pattern"_s).toString();
    const bool protein = row.data.value(u"matchType"_s).toString() == u"protein"_s;
    const SeqKind kind = protein ? SeqKind::Aa : SeqKind::Dna;
    QString checked = pattern;
    if (!protein)
        checked.replace(u'U', u'T').replace(u'u', u't');
    if (pattern.isEmpty())
        return ApiFailure::badRequest(u"Field 'pattern' must not be empty."_s);
    if (const qsizetype at = sequences::firstBadLetter(checked, kind); at >= 0)
        return ApiFailure::badRequest(
            sequences::badLettersMessage(u"pattern"_s, pattern, at, kind));
    if (const QString color = row.data.value(u"color"_s).toString();
        row.data.contains(u"color"_s) && !sequences::isHexColor(color))
        return ApiFailure::badRequest(
            u"Field 'color' must be a hex colour like #F58A5E, not \"%1\"."_s.arg(color));
    return sequences::writeIndex(server.db, row);
}

ResourceType featureType(ServerContext &server)
{
    ResourceType type = ResourceType::named(u"feature"_s, u"feat_"_s, u"features"_s, u"feature"_s);
    type.parentFilter = u"featureLibraryId"_s;
    type.toJson = [](const RequestContext &, const ResourceRow &row) {
        QJsonObject json{
            {u"id"_s, row.id},
            {u"name"_s, row.name},
            {u"featureLibraryId"_s, row.parentId},
            {u"featureType"_s, row.data.value(u"featureType"_s).isString()
                                   ? row.data.value(u"featureType"_s)
                                   : QJsonValue(QJsonValue::Null)},
            {u"pattern"_s, row.data.value(u"pattern"_s).toString()},
            {u"matchType"_s, row.data.value(u"matchType"_s).toString()},
        };
        if (row.data.contains(u"color"_s))
            json.insert(u"color"_s, row.data.value(u"color"_s));
        return json;
    };
    ServerContext *s = &server;
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"featureType"_s, u"pattern"_s, u"matchType"_s,
                        u"featureLibraryId"_s, u"color"_s})
            .require(
                {u"name"_s, u"featureType"_s, u"pattern"_s, u"matchType"_s, u"featureLibraryId"_s});
        row.name = body.string(u"name"_s);
        row.parentId = body.string(u"featureLibraryId"_s);
        row.data.insert(u"pattern"_s, body.string(u"pattern"_s));
        row.data.insert(u"matchType"_s,
                        body.oneOf(u"matchType"_s, {u"nucleotide"_s, u"protein"_s}));
        row.data.insert(u"featureType"_s,
                        nullableJson(body.optionalString(u"featureType"_s).value_or(QString())));
        if (body.has(u"color"_s))
            row.data.insert(u"color"_s, body.string(u"color"_s));
        return checkFeature(*s, body, row);
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly(
            {u"name"_s, u"featureType"_s, u"pattern"_s, u"featureLibraryId"_s, u"color"_s});
        row.name = body.string(u"name"_s, row.name);
        row.parentId = body.string(u"featureLibraryId"_s, row.parentId);
        if (body.has(u"pattern"_s))
            row.data.insert(u"pattern"_s, body.string(u"pattern"_s));
        if (body.has(u"featureType"_s))
            row.data.insert(
                u"featureType"_s,
                nullableJson(body.optionalString(u"featureType"_s).value_or(QString())));
        if (body.has(u"color"_s))
            row.data.insert(u"color"_s, body.string(u"color"_s));
        return checkFeature(*s, body, row);
    };
    type.filters = [](const RequestContext &context, SqlConditions &where) {
        const QUrlQuery &query = context.request.query;
        if (query.hasQueryItem(u"featureType"_s))
            where.add(u"r.id IN (SELECT id FROM sequence_index WHERE feature_type = ?)"_s,
                      {queryValue(context, u"featureType"_s)});
        if (query.hasQueryItem(u"matchType"_s)) {
            const QString match = queryValue(context, u"matchType"_s);
            if (match != u"nucleotide"_s && match != u"protein"_s)
                return std::optional(ApiFailure::badRequest(
                    u"matchType must be nucleotide or protein, not \"%1\"."_s.arg(match)));
            where.add(u"r.id IN (SELECT id FROM sequence_index WHERE match_type = ?)"_s, {match});
        }
        return std::optional<ApiFailure>();
    };
    return type;
}

} // namespace

QStringList sequenceMigration(bool postgres)
{
    Q_UNUSED(postgres);
    return sequences::indexMigration();
}

void addSequenceRoutes(Router &router, ServerContext &server)
{
    struct Family
    {
        SeqKind kind;
        QString collection, listKey, idParam, idsKey, noun;
        unsigned operations;
    };
    const unsigned oligoOps = AllOperations & ~BulkGet;
    const QList<Family> families = {
        {SeqKind::Dna, u"dna-sequences"_s, u"dnaSequences"_s, u"dna_sequence_id"_s,
         u"dnaSequenceIds"_s, u"DNA sequence"_s, AllOperations},
        {SeqKind::Rna, u"rna-sequences"_s, u"rnaSequences"_s, u"rna_sequence_id"_s,
         u"rnaSequenceIds"_s, u"RNA sequence"_s, AllOperations},
        {SeqKind::Aa, u"aa-sequences"_s, u"aaSequences"_s, u"aa_sequence_id"_s, u"aaSequenceIds"_s,
         u"AA sequence"_s, AllOperations},
        {SeqKind::DnaOligo, u"dna-oligos"_s, u"dnaOligos"_s, u"oligo_id"_s, u"dnaOligoIds"_s,
         u"DNA oligo"_s, oligoOps},
        {SeqKind::RnaOligo, u"rna-oligos"_s, u"rnaOligos"_s, u"oligo_id"_s, u"rnaOligoIds"_s,
         u"RNA oligo"_s, oligoOps},
        // The older /oligos API serves DNA oligos.
        {SeqKind::DnaOligo, u"oligos"_s, u"oligos"_s, u"oligo_id"_s, u"oligoIds"_s, u"oligo"_s,
         AllOperations & ~BulkUpdate},
    };
    for (const Family &family : families) {
        const ResourceType type =
            sequenceType(server, family.kind, family.collection, family.listKey, family.idParam,
                         family.idsKey, family.noun);
        addResourceRoutes(router, server, type, family.operations);
        const KindInfo info = sequences::kindInfo(family.kind);
        if (info.fullSequence() || family.kind == SeqKind::Aa) {
            addSearchRoutes(router, server, type, info);
            addAnnotationRoutes(router, server, info, family.collection, family.idsKey,
                                family.noun);
        }
    }
    addCodonRoutes(router, server);
    addResourceRoutes(router, server, featureLibraryType(), List | Get | Create | Update);
    addResourceRoutes(router, server, featureType(server),
                      List | Get | Create | Update | BulkCreate);
    sequences::addCatalogueRoutes(router);
}

} // namespace benchtop::server
