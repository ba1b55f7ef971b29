Object.freeze = ((x: unknown) => x) as never;
await import("./tmp-quick.js");
