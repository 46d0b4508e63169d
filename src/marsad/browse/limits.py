"""The bounds every page keeps to, so that a page over a store of any size renders quickly."""

PER_PAGE = 20             # hits, stories or amounts on one page
MAX_PAGE = 500            # the deepest page served (PER_PAGE × MAX_PAGE results)
FACET_SAMPLE = 1000       # entity and fact facets are counted over the best (or latest) this many matches
TOP_ENTITIES = 15         # entries of the entity facet and of an entity's companions
ENTITY_ARTICLES = 1000    # an entity page reads its latest this many articles for statements, events, amounts
ENTITY_ROWS = 50          # statements, events and amounts listed on an entity page
STORY_MEMBERS = 500       # articles listed on a story page
CSV_ROWS = 10000          # rows of one amounts CSV download
MAX_NAME_CHARS = 200      # entity and outlet names in a URL
