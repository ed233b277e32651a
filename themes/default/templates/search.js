const f=document.getElementById("cari"),q=document.getElementById("q"),st=document.getElementById("cari-status"),out=document.getElementById("cari-hasil"),root=f.dataset.root,vars=JSON.parse(f.dataset.variants);let pf,timer,seq=0;
f.hidden=false;f.addEventListener("submit",e=>{e.preventDefault();run(q.value)});
q.addEventListener("input",()=>{clearTimeout(timer);timer=setTimeout(()=>run(q.value),250)});
function load(){pf=pf||(async()=>{const p=await import(root+"pagefind/pagefind.js");await p.options({baseUrl:"/",excerptLength:18});await p.init();for(const b of JSON.parse(f.dataset.merge))await p.mergeIndex(root+b,{baseUrl:"/"});return p})().catch(e=>{pf=null;throw e});return pf}
const words=s=>s.toLowerCase().split(/\s+/).filter(Boolean).map(w=>vars[w]||w);
const cut=(ws,n)=>ws.map(w=>w.length>3+n?w.slice(0,w.length-n):w).join(" ");
async function run(text){const me=++seq;text=text.trim();out.textContent="";if(!text){st.textContent="";return}
try{const p=await load(),ws=words(text);let r;for(const n of [0,1,2]){r=await p.search(cut(ws,n));if(r.results.length)break}
if(me!==seq)return;const items=await Promise.all(r.results.slice(0,10).map(x=>x.data()));
st.textContent=items.length?f.dataset.found.replace("{n}",r.results.length):f.dataset.none;
for(const d of items){const li=document.createElement("li"),a=document.createElement("a"),b=document.createElement("strong"),m=document.createElement("span");
a.href=root+d.url.slice(1);b.textContent=d.meta.title;m.className="meta";m.innerHTML=d.excerpt;a.append(b,m);li.append(a);out.append(li)}
}catch(e){st.textContent=f.dataset.offline}}
const first=new URLSearchParams(location.search).get("q");if(first){q.value=first;run(first)}
