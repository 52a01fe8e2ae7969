extension Film {
    /// This film with every field it lacks filled from `other`, a record of the same film from
    /// another source. Fields this film already has are kept: the richer, curated record wins.
    public func filling(from other: Film) -> Film {
        var merged = self
        if merged.year == nil { merged.year = other.year }
        if merged.genres.isEmpty { merged.genres = other.genres }
        if merged.runtimeMinutes == nil { merged.runtimeMinutes = other.runtimeMinutes }
        if merged.directors.isEmpty { merged.directors = other.directors }
        if merged.cast.isEmpty { merged.cast = other.cast }
        if merged.characters.isEmpty { merged.characters = other.characters }
        if merged.synopsis == nil { merged.synopsis = other.synopsis }
        if merged.settings.isEmpty { merged.settings = other.settings }
        if merged.keywords.isEmpty { merged.keywords = other.keywords }
        if merged.moods.isEmpty { merged.moods = other.moods }
        if merged.audience == nil { merged.audience = other.audience }
        merged.externalIds = externalIds.merging(other.externalIds)
        return merged
    }
}
